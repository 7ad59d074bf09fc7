package schema

// A Codec converts between the payloads of one schema (without a wire
// header) and JSON text.
type Codec interface {
	// AppendJSON decodes payload and appends it as compact JSON text, on
	// one line.
	AppendJSON(dst, payload []byte) ([]byte, error)
	// AppendEncoded encodes one JSON document and appends the payload.
	AppendEncoded(dst, doc []byte) ([]byte, error)
}
