package cmd

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// A binary that go install github.com/kafkashore/shore@v1.4.0 built says
// v1.4.0, the version the go command recorded, where it said "shore dev":
// only make build's -ldflags set a version.
func TestVersionLineOf(t *testing.T) {
	franz := []*debug.Module{{Path: "github.com/twmb/franz-go", Version: "v1.22.2"}}
	for _, tc := range []struct {
		set  string
		info *debug.BuildInfo
		want string
	}{
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Deps: franz}, "shore v1.4.0 (franz-go v1.22.2, "},
		{"9840963", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Deps: franz}, "shore 9840963 (franz-go v1.22.2, "},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Deps: franz}, "shore dev (franz-go v1.22.2, "},
		{"dev", nil, "shore dev (franz-go unknown, "},
	} {
		if got, want := versionLineOf(tc.set, tc.info), tc.want+runtime.Version()+")"; got != want {
			t.Errorf("version %q, main module %v: %q, want %q", tc.set, tc.info, got, want)
		}
	}
}
