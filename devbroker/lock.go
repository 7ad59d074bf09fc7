package devbroker

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockDataDir takes dir's lock, a .lock file in it, for as long as the
// returned file stays open, as Apache Kafka locks its log directories: two
// clusters on one directory would each write their own state over the
// other's when they stop, and the records of one would be lost.
func lockDataDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("another shore dev is using it; stop that one, or give this one another --data-dir")
		}
		return nil, err
	}
	return f, nil
}
