package topics

import (
	"context"
	"io"
	"net"
	"strconv"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/format"
)

// ClusterInfo is what `shore cluster` shows.
type ClusterInfo struct {
	// ID is the cluster id, or "" when the cluster has none.
	ID string `json:"cluster_id"`
	// Controller is the controller's broker id, or -1 when unknown.
	Controller int32    `json:"controller"`
	Brokers    []Broker `json:"brokers"`
}

// Broker is one broker of the cluster.
type Broker struct {
	ID   int32  `json:"id"`
	Host string `json:"host"`
	Port int32  `json:"port"`
	// Rack is nil when the broker has none.
	Rack *string `json:"rack"`
}

// Cluster describes the cluster: its id, its controller and its brokers,
// sorted by id.
func Cluster(ctx context.Context, adm *kadm.Client) (ClusterInfo, error) {
	md, err := adm.BrokerMetadata(ctx)
	if err != nil {
		return ClusterInfo{}, err
	}
	info := ClusterInfo{ID: md.Cluster, Controller: md.Controller, Brokers: []Broker{}}
	for _, b := range md.Brokers {
		info.Brokers = append(info.Brokers, Broker{ID: b.NodeID, Host: b.Host, Port: b.Port, Rack: b.Rack})
	}
	return info, nil
}

// WriteCluster renders info as two tables (cluster, then brokers) or as JSON.
func WriteCluster(w io.Writer, info ClusterInfo, asJSON bool) error {
	if asJSON {
		return format.JSON(w, info)
	}
	controller := format.None
	if info.Controller >= 0 {
		controller = strconv.Itoa(int(info.Controller))
	}
	if err := format.Table(w, []string{"CLUSTER", "CONTROLLER"}, [][]string{{orNone(info.ID), controller}}); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	rows := make([][]string, 0, len(info.Brokers))
	for _, b := range info.Brokers {
		rack := format.None
		if b.Rack != nil && *b.Rack != "" {
			rack = *b.Rack
		}
		rows = append(rows, []string{
			strconv.Itoa(int(b.ID)),
			net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))),
			rack,
		})
	}
	return format.Table(w, []string{"BROKER", "ADDRESS", "RACK"}, rows)
}

func orNone(s string) string {
	if s == "" {
		return format.None
	}
	return s
}
