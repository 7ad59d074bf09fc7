package topics

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
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

// DescribeCluster describes the cluster: its id, its controller and its brokers,
// sorted by id.
func DescribeCluster(ctx context.Context, adm *kadm.Client) (ClusterInfo, error) {
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
