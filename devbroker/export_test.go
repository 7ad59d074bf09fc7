package devbroker

import "time"

// FenceStaticMembersAfter makes c fence a static KIP-848 member d after it
// leaves for now, instead of Kafka's 45s, for tests that cannot wait.
func (c *Cluster) FenceStaticMembersAfter(d time.Duration) {
	c.groups.mu.Lock()
	defer c.groups.mu.Unlock()
	c.groups.sessionTimeout = d
}
