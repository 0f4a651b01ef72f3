using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using PinterestPipeline.RestProxy;
using PinterestPipeline.RestProxy.Kafka;

// The ceiling for the proxy: the same producer settings (the proxy's ProducerDefaults with its default options, or
// linger.ms given as a sixth argument), driven directly, no HTTP in between.
// Usage: ProducerCeiling <bootstrap servers> <topic> <payload file> [records] [seconds] [linger ms]
if (args.Length < 3)
{
    Console.Error.WriteLine("Usage: ProducerCeiling <bootstrap servers> <topic> <payload file> [records] [seconds] [linger ms]");
    return 2;
}

var payload = File.ReadAllBytes(args[2]).AsSpan().TrimEnd("\n"u8).ToArray();
var total = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2_000_000;
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;
var options = new RestProxyOptions();
if (args.Length > 5)
{
    options.LingerMs = int.Parse(args[5], CultureInfo.InvariantCulture);
}

var config = new ProducerConfig { BootstrapServers = args[0] };
ProducerDefaults.Apply(config, options);

using var producer = new ProducerBuilder<byte[]?, byte[]>(config).Build();
long delivered = 0;
long failed = 0;
void OnReport(DeliveryReport<byte[]?, byte[]> report)
{
    if (report.Error.IsError)
    {
        Interlocked.Increment(ref failed);
    }
    else
    {
        Interlocked.Increment(ref delivered);
    }
}

var watch = Stopwatch.StartNew();
var sent = 0;
while (sent < total && watch.Elapsed.TotalSeconds < seconds)
{
    try
    {
        producer.Produce(args[1], new Message<byte[]?, byte[]> { Value = payload }, OnReport);
        sent++;
    }
    catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
    {
        producer.Poll(TimeSpan.FromMilliseconds(10));
    }
}

producer.Flush(TimeSpan.FromSeconds(30));
var elapsed = watch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT direct_producer records={delivered} failed={failed} seconds={elapsed:0.00} linger_ms={config.LingerMs} records_per_s={delivered / elapsed:0}"));
return failed == 0 ? 0 : 1;
