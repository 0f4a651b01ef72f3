using System.Globalization;
using PinterestPipeline.DevKafka.Broker;

namespace PinterestPipeline.DevKafka;

/// <summary>The command line: <c>[--port N] [--topic name[:partitions]]...</c>.</summary>
public sealed record DevKafkaOptions(int Port, IReadOnlyList<TopicSpec> Topics)
{
    public const int DefaultPort = 9092;

    public const string Usage =
        "Usage: PinterestPipeline.DevKafka [--port N] [--topic name[:partitions]]...\n" +
        "  --port N                    port on 127.0.0.1 (default 9092; 0 = any free port)\n" +
        "  --topic name[:partitions]   create a topic at start (default 1 partition); repeatable";

    public static DevKafkaOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var port = DefaultPort;
        var topics = new List<TopicSpec>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--port":
                    var portText = inlineValue ?? Next(args, ref i, name);
                    if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        throw new FormatException($"--port '{portText}': expected a port number from 0 to 65535.");
                    }

                    break;
                case "--topic":
                    topics.Add(TopicSpec.Parse(inlineValue ?? Next(args, ref i, name)));
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return new DevKafkaOptions(port, topics);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string name) =>
        ++i < args.Count ? args[i] : throw new FormatException($"{name} needs a value.");
}
