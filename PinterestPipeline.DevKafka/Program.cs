using System.Runtime.InteropServices;
using PinterestPipeline.DevKafka;
using PinterestPipeline.DevKafka.Broker;

DevKafkaOptions options;
try
{
    options = DevKafkaOptions.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(DevKafkaOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

DevBroker broker;
try
{
    broker = DevBroker.Start(options.Port, options.Topics);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"DevKafka could not start: {ex.Message}");
    return 1;
}

await using (broker)
{
    Console.WriteLine($"Kafka (dev broker) listening on {broker.BootstrapServers}");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
