# A kafka-python consumer for the groups interop tests (cmd/groups_interop_test.go).
# Modes: hold (read up to offsets, commit them, stay in the group until stdin
# closes), first (print the first offset read per partition), committed
# (print the group's committed offsets).
import json, sys, threading
from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

mode, bootstrap, topic, group, client_id = sys.argv[1:6]
if mode == "committed":
    c = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, client_id=client_id, enable_auto_commit=False)
    parts = sorted(c.partitions_for_topic(topic))
    print(json.dumps({str(p): c.committed(TopicPartition(topic, p)) for p in parts}, sort_keys=True), flush=True)
    c.close(autocommit=False)
    sys.exit(0)
c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, client_id=client_id,
                  enable_auto_commit=False, auto_offset_reset="earliest", session_timeout_ms=10000,
                  heartbeat_interval_ms=500)
if mode == "first":
    first = {}
    while True:
        for tp, recs in c.poll(200).items():
            first.setdefault(str(tp.partition), recs[0].offset)
        if c.assignment() and len(first) == len(c.assignment()):
            break
    print(json.dumps(first, sort_keys=True), flush=True)
    c.close(autocommit=False)
    sys.exit(0)
# hold: read up to the wanted offsets, commit them, report, hold the membership until stdin closes
want = {int(k): v for k, v in json.loads(sys.argv[6]).items()}
read = {}
while any(read.get(p, 0) < o for p, o in want.items()):
    for tp, recs in c.poll(200).items():
        read[tp.partition] = max(read.get(tp.partition, 0), recs[-1].offset + 1)
c.commit({TopicPartition(topic, p): OffsetAndMetadata(o, "") for p, o in want.items()})
print(json.dumps({"assigned": sorted(tp.partition for tp in c.assignment())}, sort_keys=True), flush=True)
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
while not done.is_set():
    c.poll(100)
c.close(autocommit=False)
