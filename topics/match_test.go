package topics

import "testing"

// The expressions match anywhere in a name unless anchored, as consume -r
// has always matched them.
func TestRegexes(t *testing.T) {
	rs, err := CompileRegexes([]string{`orders\.`, "^audit$"}, "-r")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"orders.eu":     true,
		"old-orders.eu": true,
		"orders-eu":     false,
		"audit":         true,
		"audit-log":     false,
		"":              false,
	} {
		if got := rs.Match(name); got != want {
			t.Errorf("Match(%q) = %v, want %v", name, got, want)
		}
	}
	if got, want := (&NoMatchError{Regexes: rs}).Error(), `no topic matches "orders\." or "^audit$"`; got != want {
		t.Errorf("NoMatchError = %q, want %q", got, want)
	}
	_, err = CompileRegexes([]string{"ok", "t("}, "-r")
	if want := `bad regular expression "t(" (-r): missing closing )`; err == nil || err.Error() != want {
		t.Errorf("CompileRegexes: %v, want %s", err, want)
	}
}
