package topics

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/format"
)

// ClusterInfo is what `shore cluster` shows.
type ClusterInfo struct {
	// ID is the cluster id, empty (null in JSON) when the cluster has none.
	ID format.Text `json:"cluster_id"`
	// Controller is the controller's broker id, unknown (null in JSON) when
	// the broker asked did not say.
	Controller format.BrokerID `json:"controller"`
	Brokers    []Broker        `json:"brokers"`
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
	info := ClusterInfo{ID: format.Text(md.Cluster), Controller: format.BrokerID(md.Controller), Brokers: []Broker{}}
	for _, b := range md.Brokers {
		info.Brokers = append(info.Brokers, Broker{ID: b.NodeID, Host: b.Host, Port: b.Port, Rack: b.Rack})
	}
	return info, nil
}
