package secret

import "testing"

func TestMask(t *testing.T) {
	for in, want := range map[string]string{"": "", "x": "********", "a much longer secret": "********"} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"http://localhost:8081", "http://localhost:8081"},
		{"https://key@registry.example", "https://key@registry.example"},
		{"https://key:secret@registry.example:8081/apis", "https://key:********@registry.example:8081/apis"},
		{"https://key:s3cret/x@registry host", "https://key:********@registry host"},
		{"https://key:s3c@ret@registry.example", "https://key:********@registry.example"},
		{"key:s3cret@localhost:8081", "key:********@localhost:8081"},
		// A password's comma, as written or percent-encoded, is masked
		// with the rest of it.
		{"https://key:s3,cret@registry.example", "https://key:********@registry.example"},
		{"https://key:s3%2Ccret@registry.example", "https://key:********@registry.example"},
		{"https://key:8081,x:8081@registry.example", "https://key:********@registry.example"},
		// A list is masked URL by URL.
		{"http://a:8081,http://u:secret@b:8081", "http://a:8081,http://u:********@b:8081"},
		{"https://k:s3cret@a:8081, HTTPS://k:pass@b:8081", "https://k:********@a:8081, HTTPS://k:********@b:8081"},
		{"http://a:8081,\nhttp://u:secret@b:8081", "http://a:8081,\nhttp://u:********@b:8081"},
		{"https://k:s3,cret@a:8081,https://k:pa,ss@b:8081", "https://k:********@a:8081,https://k:********@b:8081"},
	} {
		if got := MaskURL(tc.in); got != tc.want {
			t.Errorf("MaskURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
