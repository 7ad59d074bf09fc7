package topics

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct{ name, err string }{
		{"orders", ""},
		{"a.b_c-D9", ""},
		{"...", ""},
		{strings.Repeat("x", 249), ""},
		{"", "empty topic name"},
		{".", `topic name ".": '.' and '..' are not topic names`},
		{"..", `topic name "..": '.' and '..' are not topic names`},
		{strings.Repeat("x", 250), `topic name "xxxxxxxxxxxxxxxxxxxx"...: 250 characters, longer than Kafka's 249`},
		{"has space", `topic name "has space": ' ' is not allowed (only ASCII letters, digits, '.', '_' and '-')`},
		{"a/b", `topic name "a/b": '/' is not allowed`},
		{"é", `topic name "é": 'é' is not allowed (only ASCII letters`},
		{"a\x00", `topic name "a\x00": '\x00' is not allowed`},
		{"a\xc3", `topic name "a\xc3": byte 0xc3 is not allowed`},
	} {
		err := CheckName(tc.name)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("CheckName(%q) = %v, want nil", tc.name, err)
		case tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.err)):
			t.Errorf("CheckName(%q) = %v, want %q", tc.name, err, tc.err)
		}
	}
}

func TestNameReason(t *testing.T) {
	for name, want := range map[string]string{
		"orders":                 "",
		"":                       "empty topic name",
		"..":                     "'.' and '..' are not topic names",
		strings.Repeat("x", 250): "250 characters, longer than Kafka's 249",
		"a/b":                    "'/' is not allowed (only ASCII letters, digits, '.', '_' and '-')",
	} {
		if got := NameReason(name); got != want {
			t.Errorf("NameReason(%.20q) = %q, want %q", name, got, want)
		}
	}
}

func TestCheckCollisions(t *testing.T) {
	for _, tc := range []struct {
		names []string
		err   string
	}{
		{[]string{"orders"}, ""},
		{[]string{"a.b", "a.b"}, ""},
		{[]string{"a.b", "a-b", "ab"}, ""},
		{[]string{"a.b", "c", "a_b"}, `topics "a.b" and "a_b" differ only in '.' and '_', which Kafka counts as the same: create one of them`},
		{[]string{"x_y.z", "x.y_z"}, `topics "x_y.z" and "x.y_z" differ only`},
	} {
		err := CheckCollisions(tc.names)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("CheckCollisions(%q) = %v, want nil", tc.names, err)
		case tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.err)):
			t.Errorf("CheckCollisions(%q) = %v, want %q", tc.names, err, tc.err)
		}
	}
}

// FuzzCheckName holds CheckName to Kafka's rule, written the other way.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"orders", "", ".", "..", "a/b", "é", strings.Repeat("y", 250)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		legal := name != "" && name != "." && name != ".." && len(name) <= 249 &&
			strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == ""
		if err := CheckName(name); (err == nil) != legal {
			t.Fatalf("CheckName(%q) = %v; Kafka says legal=%v", name, err, legal)
		}
	})
}
