package cmd

import "testing"

func TestFlagsGiven(t *testing.T) {
	for _, tc := range []struct {
		name  string
		given flagsGiven
		check func(flagsGiven) error
		want  string
	}{
		{"exactly one: none", givenOnly(), func(g flagsGiven) error { return g.exactlyOne("to", "shift", "from-file") },
			"none of --to, --shift or --from-file is given; give exactly one"},
		{"exactly one: two", givenOnly("to", "shift"), func(g flagsGiven) error { return g.exactlyOne("to", "shift", "from-file") },
			"--to and --shift are both given; give exactly one of --to, --shift or --from-file"},
		{"exactly one: three", givenOnly("to", "shift", "from-file"), func(g flagsGiven) error { return g.exactlyOne("to", "shift", "from-file") },
			"--to, --shift and --from-file are given; give exactly one of --to, --shift or --from-file"},
		{"exactly one: one", givenOnly("shift"), func(g flagsGiven) error { return g.exactlyOne("to", "shift", "from-file") }, ""},
		{"exclusive: two", givenOnly("key", "key-delimiter"), func(g flagsGiven) error { return g.exclusive("both set the key", "key", "key-delimiter") },
			"--key and --key-delimiter both set the key: choose one"},
		{"exclusive: three of three", givenOnly("a", "b", "c"), func(g flagsGiven) error { return g.exclusive("are different ways", "a", "b", "c") },
			"--a, --b and --c are different ways: choose one"},
		{"exclusive: one", givenOnly("key"), func(g flagsGiven) error { return g.exclusive("both set the key", "key", "key-delimiter") }, ""},
		{"together: one missing", givenOnly("server-cert"), func(g flagsGiven) error { return g.together("server-cert", "server-key") },
			"--server-cert and --server-key go together: give --server-key too"},
		{"together: both", givenOnly("server-cert", "server-key"), func(g flagsGiven) error { return g.together("server-cert", "server-key") }, ""},
		{"together: neither", givenOnly(), func(g flagsGiven) error { return g.together("server-cert", "server-key") }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.check(tc.given)
			got := ""
			if err != nil {
				got = err.Error()
				if _, ok := err.(*usageError); !ok {
					t.Errorf("%T is not a usage error", err)
				}
			}
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
