"""The reference implementation of the schema registry wire format, driven by
shore's interop tests: confluent-kafka's serializers and deserializers.

  produce BOOTSTRAP REGISTRY TOPIC FORMAT SCHEMA [MESSAGE]
      reads one value per stdin line, a Python literal (Decimal, datetime,
      date, timezone and UUID are at hand), serializes it with FORMAT's
      serializer (avro, protobuf or json) under the topic's value subject and
      produces it. SCHEMA is the schema file; for protobuf a binary
      FileDescriptorSet holding the file and its imports, MESSAGE the full
      name of the message type. An Avro schema's references come as
      further arguments NAME=SUBJECT:VERSION.
  consume BOOTSTRAP REGISTRY TOPIC FORMAT COUNT [SCHEMA MESSAGE]
      reads COUNT values from the start of TOPIC, deserializes them and prints
      each as one line of JSON with sorted keys: a Decimal as its string, a
      datetime or date in ISO 8601, bytes in hex, a Protobuf message as
      MessageToDict gives it (.proto field names, every field).
"""

import datetime
import decimal
import json
import sys
import uuid

from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

LITERALS = {
    "Decimal": decimal.Decimal,
    "datetime": datetime.datetime,
    "date": datetime.date,
    "timezone": datetime.timezone,
    "UUID": uuid.UUID,
}


def message_class(descriptor_set_path, name):
    fds = descriptor_pb2.FileDescriptorSet()
    with open(descriptor_set_path, "rb") as f:
        fds.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for fd in fds.file:  # dependencies first, as protoc writes them
        pool.Add(fd)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(name))


def schema_with_refs(path, schema_type, refs):
    with open(path) as f:
        text = f.read()
    references = []
    for ref in refs:
        name, target = ref.split("=", 1)
        subject, version = target.rsplit(":", 1)
        references.append(SchemaReference(name, subject, int(version)))
    return Schema(text, schema_type, references)


def produce(bootstrap, registry, topic, fmt, schema_path, *rest):
    client = SchemaRegistryClient({"url": registry})
    if fmt == "avro":
        serializer = AvroSerializer(client, schema_with_refs(schema_path, "AVRO", rest))
        to_value = lambda v: v
    elif fmt == "json":
        serializer = JSONSerializer(schema_with_refs(schema_path, "JSON", rest), client)
        to_value = lambda v: v
    else:
        cls = message_class(schema_path, rest[0])
        serializer = ProtobufSerializer(cls, client, {"use.deprecated.format": False})
        to_value = lambda v: json_format.ParseDict(v, cls())
    producer = Producer({"bootstrap.servers": bootstrap})
    ctx = SerializationContext(topic, MessageField.VALUE)
    for line in sys.stdin:
        if line.strip():
            value = to_value(eval(line, {"__builtins__": {}}, LITERALS))
            producer.produce(topic, value=serializer(value, ctx))
    if producer.flush(60) != 0:
        sys.exit("records not delivered within 60s")


def plain(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, uuid.UUID):
        return str(v)
    raise TypeError(repr(v))


def consume(bootstrap, registry, topic, fmt, count, *rest):
    client = SchemaRegistryClient({"url": registry})
    if fmt == "avro":
        deserializer = AvroDeserializer(client)
        to_plain = lambda v: v
    elif fmt == "json":
        deserializer = JSONDeserializer(None, schema_registry_client=client)
        to_plain = lambda v: v
    else:
        cls = message_class(rest[0], rest[1])
        deserializer = ProtobufDeserializer(cls, {"use.deprecated.format": False}, client)
        to_plain = lambda m: json_format.MessageToDict(m, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "confluent-peer-" + topic,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    ctx = SerializationContext(topic, MessageField.VALUE)
    seen = 0
    try:
        while seen < int(count):
            msg = consumer.poll(60)
            if msg is None:
                sys.exit(f"only {seen} of {count} records within 60s")
            if msg.error():
                raise KafkaException(msg.error())
            value = to_plain(deserializer(msg.value(), ctx))
            print(json.dumps(value, sort_keys=True, default=plain, separators=(",", ":")))
            seen += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    {"produce": produce, "consume": consume}[sys.argv[1]](*sys.argv[2:])
