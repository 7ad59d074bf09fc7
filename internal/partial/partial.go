// Package partial is an answer that some brokers did not help make: Error
// names them and says what the answer lacks, and comes with the rest of the
// answer, which is whole otherwise.
package partial

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Error says that some brokers did not answer (dead, frozen or cut off).
type Error struct {
	// Brokers are the brokers that did not answer, "ID (host:port)",
	// sorted; Cause is the first of their errors.
	Brokers []string
	Cause   error
	// Missing says what the answer lacks because of them, such as "the
	// groups coordinated there are not listed".
	Missing string
	// ShownAs is how the output shows the values that are unknown ("-" in
	// a table, "null" in JSON), said after Missing for an Error that
	// Unknown made; "" says nothing, for an output that leaves them out.
	ShownAs string
	// unknown is set by Unknown: the answer keeps a place for each value
	// the brokers did not give.
	unknown bool
}

// New returns an Error that says what is missing and names no broker yet.
func New(missing string) *Error { return &Error{Missing: missing} }

// Unknown returns an Error for an answer that keeps a place for the values
// the brokers did not give, values that what names ("the offsets of the
// partitions led there"); it names no broker yet.
func Unknown(what string) *Error {
	return &Error{Missing: what + " are unknown", unknown: true}
}

func (e *Error) Error() string {
	noun := "broker"
	if len(e.Brokers) > 1 {
		noun = "brokers"
	}
	missing := e.Missing
	if e.unknown && e.ShownAs != "" {
		missing += ", shown as " + e.ShownAs
	}
	return fmt.Sprintf("no answer from %s %s: %v; %s", noun, strings.Join(e.Brokers, ", "), e.Cause, missing)
}

func (e *Error) Unwrap() error { return e.Cause }

// Same reports whether e and o name the same brokers and the same missing
// part of the answer; their causes may differ. Either may be nil.
func (e *Error) Same(o *Error) bool {
	if e == nil || o == nil {
		return e == o
	}
	return e.Missing == o.Missing && slices.Equal(e.Brokers, o.Brokers)
}

// Add names broker b, which failed with err.
func (e *Error) Add(b kgo.BrokerMetadata, err error) {
	e.add(fmt.Sprintf("%d (%s:%d)", b.NodeID, b.Host, b.Port), err)
}

func (e *Error) add(name string, err error) {
	if e.Cause == nil {
		e.Cause = err
	}
	if i, found := slices.BinarySearch(e.Brokers, name); !found {
		e.Brokers = slices.Insert(e.Brokers, i, name)
	}
}

// Take adds to e the brokers err names when it is an *Error, and reports
// whether err was that or nil: any other error fails the whole answer.
func (e *Error) Take(err error) bool {
	var other *Error
	if err == nil {
		return true
	}
	if !errors.As(err, &other) {
		return false
	}
	for _, b := range other.Brokers {
		e.add(b, other.Cause)
	}
	return true
}

// Err is e when it names a broker, else nil.
func (e *Error) Err() error {
	if len(e.Brokers) == 0 {
		return nil
	}
	return e
}
