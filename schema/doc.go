// Package schema reads and writes records in the Confluent wire format
// through a schema registry: Avro, Protobuf and JSON Schema payloads to and
// from JSON text. A Cache fetches each schema once per run and hands out
// *Schema values that decode wire-format bytes (Schema.AppendJSON) and build
// encoders (Schema.Encoder); ParseFile does the same for a local schema file
// (LocalFile), for payloads without the wire header.
//
// The JSON forms are each format's own: Avro's JSON encoding (a union is
// {"type":value}, bytes and fixed are strings of code points U+0000-U+00FF,
// logical types show their underlying type), proto3's canonical JSON with the
// field names of the .proto file (a group's too, head for group Head, as
// protoc's runtimes write it) and every field shown but an unset message,
// as Confluent's consumers show it (64-bit integers are strings; null would
// read back as a google.protobuf.Value set to NULL_VALUE), and JSON Schema
// payloads as they are. Encoding reads the same forms, so decoded output
// encodes back to the same payload bytes.
package schema
