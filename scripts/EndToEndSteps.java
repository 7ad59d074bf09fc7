import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * EndToEndSteps BOOTSTRAP TOPIC RECORDS: the sequence that Kafka's
 * org.apache.kafka.tools.EndToEndLatency times, with its client settings
 * (producer linger.ms 0 and acks all; consumer with a group id of its own,
 * no auto commit, assigned to every partition at the end, fetch.max.wait.ms
 * 0), but with each record's acknowledgement
 * (send().get()) and poll timed apart, in nanoseconds, to show where the
 * tool's milliseconds go. scripts/bench-check.sh runs it as a single source
 * file through kafka/tool.sh, in the JVM the tool gets. It prints, for the
 * first 100 records (a JVM that is warming up) and for the last 1000 (a warm
 * one), the nearest-rank p50 of each step and of their sum, in milliseconds:
 *
 *   records=1-100 ack_p50=2.096 poll_p50=2.757 ack_then_poll_p50=5.467
 */
public final class EndToEndSteps {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EndToEndSteps BOOTSTRAP TOPIC RECORDS");
            System.exit(2);
        }
        String topic = args[1];
        int records = Integer.parseInt(args[2]);
        Properties common = new Properties();
        common.put("bootstrap.servers", args[0]);
        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put("group.id", "test-group-" + System.currentTimeMillis());
        consumerProps.put("enable.auto.commit", "false");
        consumerProps.put("auto.offset.reset", "latest");
        consumerProps.put("fetch.max.wait.ms", "0");
        consumerProps.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        consumerProps.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        Properties producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put("linger.ms", "0");
        producerProps.put("acks", "all");
        producerProps.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        producerProps.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");

        long[] ack = new long[records];
        long[] poll = new long[records];
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            byte[] value = new byte[8];
            for (int i = 0; i < records; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, value)).get();
                long acked = System.nanoTime();
                ConsumerRecords<byte[], byte[]> got = consumer.poll(Duration.ofSeconds(60));
                long back = System.nanoTime();
                if (got.count() != 1) {
                    throw new IllegalStateException("record " + (i + 1) + ": the poll returned " + got.count() + " records, not 1");
                }
                ack[i] = acked - sent;
                poll[i] = back - acked;
            }
        }
        report(ack, poll, 0, Math.min(100, records));
        if (records >= 2000) {
            report(ack, poll, records - 1000, records);
        }
    }

    private static void report(long[] ack, long[] poll, int from, int to) {
        long[] sum = new long[to - from];
        for (int i = from; i < to; i++) {
            sum[i - from] = ack[i] + poll[i];
        }
        System.out.printf("records=%d-%d ack_p50=%.3f poll_p50=%.3f ack_then_poll_p50=%.3f%n", from + 1, to,
            p50(Arrays.copyOfRange(ack, from, to)), p50(Arrays.copyOfRange(poll, from, to)), p50(sum));
    }

    /** p50 is the nearest-rank median of ns, in milliseconds. */
    private static double p50(long[] ns) {
        Arrays.sort(ns);
        return ns[(ns.length + 1) / 2 - 1] / 1e6;
    }
}
