// Package groups gathers what shore shows of consumer groups and plans the
// moves of their committed offsets, without printing anything. Description
// is one group with its lag rows (Describe computes them); Plan turns a Target
// into one Move per partition. Both kinds of group work alike: classic groups
// (described with DescribeGroups) and KIP-848 consumer groups (described with
// ConsumerGroupDescribe).
package groups

import (
	"cmp"
	"slices"

	"github.com/kafkashore/shore/format"
)

// The two group types, as Kafka's ListGroups names them.
const (
	TypeClassic  = "classic"
	TypeConsumer = "consumer"
)

// Coordinator is the broker that coordinates a group.
type Coordinator struct {
	ID   int32  `json:"id"`
	Host string `json:"host"`
	Port int32  `json:"port"`
}

// Assignment is the partitions of one topic a member owns.
type Assignment struct {
	Topic      string  `json:"topic"`
	Partitions []int32 `json:"partitions"`
}

// Member is one member of a group.
type Member struct {
	MemberID   string       `json:"member_id"`
	InstanceID string       `json:"instance_id,omitempty"`
	ClientID   string       `json:"client_id"`
	Host       string       `json:"host"`
	Assignment []Assignment `json:"assignment"`
}

// Group is what describing a group tells, whatever its type. Type, State
// and Protocol are empty (null in JSON, - in a table) where the broker gave
// none: an Empty classic group has no protocol.
type Group struct {
	Group       string      `json:"group"`
	Type        format.Text `json:"type"`
	State       format.Text `json:"state"`
	Protocol    format.Text `json:"protocol"`
	Coordinator Coordinator `json:"coordinator"`
	Members     []Member    `json:"members"`
	// MembersHidden is set for a KIP-848 group that the brokers will not
	// describe to this login because its members read a topic that it may
	// not describe: only Type and Coordinator are known, and Members is
	// nil (null in JSON).
	MembersHidden bool `json:"-"`
}

// Row is one partition of a described group.
type Row struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	// CurrentOffset is the committed offset; null when there is none.
	CurrentOffset *int64 `json:"current_offset"`
	// LogStart and LogEnd are null when the broker could not list them.
	LogStart *int64 `json:"log_start"`
	LogEnd   *int64 `json:"log_end"`
	// Lag is LogEnd - CurrentOffset (0 at least); null without both.
	Lag *int64 `json:"lag"`
	// MemberID, ClientID and Host are empty (null in JSON) when no member
	// owns it.
	MemberID format.Text `json:"member_id"`
	ClientID format.Text `json:"client_id"`
	Host     format.Text `json:"host"`
}

// TopicLag is the summed lag of one topic's rows.
type TopicLag struct {
	Topic string `json:"topic"`
	// Lag sums the rows' lags that are known; null when none is (no
	// partition of the topic has a commit, or its log end is unknown), as
	// a row's lag is, where 0 would read as caught up.
	Lag *int64 `json:"lag"`
}

// Description is a group with its partitions and lag.
type Description struct {
	Group
	// TotalLag sums the lag of the rows that have one; null when none has
	// (no commit at all, or no log end known), as a topic's lag is.
	TotalLag   *int64     `json:"total_lag"`
	Topics     []TopicLag `json:"topics"`
	Partitions []Row      `json:"partitions"`
	// Gone are the topics of its rows that the cluster does not have: deleted
	// while a member still has them assigned (or the group a commit on
	// them). Their rows have no log offsets and no lag.
	Gone []string `json:"-"`
	// Denied are the topics of its rows that the login may not describe
	// (no ACL allows it DESCRIBE on them), sorted. Their rows have no log
	// offsets and no lag.
	Denied []string `json:"-"`
}

// Offsets are offsets by topic and partition.
type Offsets map[string]map[int32]int64

// Lookup returns the offset of t/p and whether there is one.
func (o Offsets) Lookup(t string, p int32) (int64, bool) {
	off, ok := o[t][p]
	return off, ok
}

// Set sets the offset of t/p.
func (o Offsets) Set(t string, p int32, off int64) {
	ps := o[t]
	if ps == nil {
		ps = make(map[int32]int64)
		o[t] = ps
	}
	ps[p] = off
}

// Describe builds the description of g from its commits and the log start
// and end offsets of the partitions concerned. It has one row per partition
// that is committed or assigned to a member, sorted by topic and partition;
// topics, when not empty, keeps only those topics.
func Describe(g Group, commits, starts, ends Offsets, topics []string) Description {
	type tp struct {
		t string
		p int32
	}
	owner := make(map[tp]*Member)
	for i := range g.Members {
		m := &g.Members[i]
		for _, a := range m.Assignment {
			for _, p := range a.Partitions {
				owner[tp{a.Topic, p}] = m
			}
		}
	}
	keys := make(map[tp]struct{}, len(owner))
	for k := range owner {
		keys[k] = struct{}{}
	}
	for t, ps := range commits {
		for p := range ps {
			keys[tp{t, p}] = struct{}{}
		}
	}
	d := Description{Group: g, Topics: []TopicLag{}, Partitions: []Row{}}
	for k := range keys {
		if len(topics) > 0 && !slices.Contains(topics, k.t) {
			continue
		}
		r := Row{Topic: k.t, Partition: k.p}
		if off, ok := commits.Lookup(k.t, k.p); ok {
			r.CurrentOffset = &off
		}
		if off, ok := starts.Lookup(k.t, k.p); ok {
			r.LogStart = &off
		}
		if off, ok := ends.Lookup(k.t, k.p); ok {
			r.LogEnd = &off
		}
		if r.CurrentOffset != nil && r.LogEnd != nil {
			lag := max(*r.LogEnd-*r.CurrentOffset, 0)
			r.Lag = &lag
		}
		if m := owner[k]; m != nil {
			r.MemberID, r.ClientID, r.Host = format.Text(m.MemberID), format.Text(m.ClientID), format.Text(m.Host)
		}
		d.Partitions = append(d.Partitions, r)
	}
	slices.SortFunc(d.Partitions, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
	for _, r := range d.Partitions {
		if n := len(d.Topics); n == 0 || d.Topics[n-1].Topic != r.Topic {
			d.Topics = append(d.Topics, TopicLag{Topic: r.Topic})
		}
		if r.Lag != nil {
			t := &d.Topics[len(d.Topics)-1]
			if t.Lag == nil {
				t.Lag = new(int64)
			}
			*t.Lag += *r.Lag
			if d.TotalLag == nil {
				d.TotalLag = new(int64)
			}
			*d.TotalLag += *r.Lag
		}
	}
	return d
}
