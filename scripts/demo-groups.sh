#!/usr/bin/env bash
# demo-groups.sh BIN BOOTSTRAP: the consumer-groups part of the demo, against
# a running broker (scripts/demo.sh starts `shore dev` and passes its
# address). It produces keyed records (kcat, else kafka-python), lets a
# kafka-python consumer group read and commit a few, then shows the lag,
# a dry-run seek back to the start, the same seek executed, and the lag again.
set -euo pipefail

bin=${1:?usage: scripts/demo-groups.sh path/to/shore host:port}
addr=${2:?usage: scripts/demo-groups.sh path/to/shore host:port}
export SHORE_BROKERS=$addr
topic=demo-orders
group=demo-billing

step() {
	printf '$ shore %s\n' "$*"
	if ! "$bin" "$@"; then
		echo "demo: step failed: shore $*" >&2
		exit 1
	fi
}

printf '\n# consumer groups: who reads %s, how far behind, and moving its offsets\n' "$topic"
/usr/bin/python3 - "$addr" "$topic" <<'PY'
import sys
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1])
try:
    admin.create_topics([NewTopic(sys.argv[2], 3, 1)])
except TopicAlreadyExistsError:
    pass
admin.close()
PY

records() { for i in $(seq 1 30); do printf 'customer-%d:order %d\n' $((i % 7)) "$i"; done; }
if command -v kcat >/dev/null; then
	echo "\$ kcat -P -b $addr -t $topic -K:    # 30 keyed records"
	records | kcat -P -b "$addr" -t "$topic" -K:
else
	echo "# kafka-python produces 30 keyed records"
	records | /usr/bin/python3 -c '
import sys
from kafka import KafkaProducer
p = KafkaProducer(bootstrap_servers=sys.argv[1])
for line in sys.stdin:
    k, v = line.rstrip("\n").split(":", 1)
    p.send(sys.argv[2], key=k.encode(), value=v.encode())
p.flush()
' "$addr" "$topic"
fi

echo "# a kafka-python consumer in group $group reads 12 records, commits and leaves"
/usr/bin/python3 - "$addr" "$topic" "$group" <<'PY'
import sys
from kafka import KafkaConsumer
c = KafkaConsumer(sys.argv[2], bootstrap_servers=sys.argv[1], group_id=sys.argv[3],
                  client_id="billing-1", auto_offset_reset="earliest", enable_auto_commit=False,
                  max_poll_records=4)
read = 0
while read < 12:
    for recs in c.poll(500).values():
        read += len(recs)
    c.commit()
c.close(autocommit=False)
PY

step groups list
step groups describe "$group" --members
step groups seek "$group" --to start
step groups seek "$group" --to start --execute
step groups describe "$group"
