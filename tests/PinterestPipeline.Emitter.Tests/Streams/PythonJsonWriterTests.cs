using System.Globalization;
using System.Text;
using PinterestPipeline.Emitter.Streams;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Emitter.Tests.Streams;

/// <summary>The writer against CPython's own <c>json.dumps</c>, run at test time on seeded random values.</summary>
public sealed class PythonJsonWriterTests
{
    private static string Write(Action<PythonJsonWriter> write)
    {
        using var writer = new PythonJsonWriter();
        write(writer);
        return Encoding.ASCII.GetString(writer.TakeWritten());
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Doubles_are_written_as_python_reprs_them()
    {
        var random = new Random(4711);
        var values = new List<double>
        {
            0.0, -0.0, 1.0, -1.0, 0.1, 1e15, 1e16, 1.5e16, 9999999999999998.0, 0.0001, 0.00001, 0.00012345, 123456789.125,
            1e-7, 1e22, 1e100, 5e-324, double.Epsilon * 3, double.MaxValue, double.MinValue, -89.9787, -173.293, 2.5e-5,
        };
        while (values.Count < 1500)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        // Numbers of the kind tables hold: a few significant digits at every scale.
        for (var i = 0; i < 500; i++)
        {
            values.Add(Math.Round(random.NextDouble() * 2000 - 1000, random.Next(0, 10)) * Math.Pow(10, random.Next(-20, 21)));
        }

        var bits = string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture)));
        var expected = Lines(await Python3.RunAsync($$"""
            import json, struct, sys
            for b in [{{bits}}]:
                sys.stdout.write(json.dumps(struct.unpack('<d', struct.pack('<q', b))[0]) + "\n")
            """));

        Assert.Equal(expected, values.Select(v => Write(w => w.WriteNumberValue(v))));
    }

    [Fact]
    public async Task Floats_are_written_as_python_reprs_the_float_read_from_their_shortest_digits()
    {
        // pymysql turned the server's text for a FLOAT into a Python float; that text is the float's shortest digits.
        var random = new Random(815);
        var values = new List<float> { 0f, -0f, 1f, -89.9787f, -173.293f, 1.23457e-05f, 0.0001f, 1e16f, 3.4028235e38f, float.Epsilon, 100000f };
        while (values.Count < 1500)
        {
            var value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            if (float.IsFinite(value))
            {
                values.Add(value);
            }
        }

        for (var i = 0; i < 500; i++)
        {
            // The Seeder's coordinates: 6 significant digits within ±180.
            values.Add(float.Parse((random.NextDouble() * 360 - 180).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        var bits = string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString(CultureInfo.InvariantCulture)));
        var expected = Lines(await Python3.RunAsync($$"""
            import json, struct, sys
            def shortest(x):
                for digits in range(1, 10):
                    text = '%.*g' % (digits, x)
                    try:
                        if struct.unpack('<f', struct.pack('<f', float(text)))[0] == x:
                            return text
                    except OverflowError:
                        pass
            for b in [{{bits}}]:
                sys.stdout.write(json.dumps(float(shortest(struct.unpack('<f', struct.pack('<i', b))[0]))) + "\n")
            """));

        Assert.Equal(expected, values.Select(v => Write(w => w.WriteNumberValue(v))));
    }

    [Fact]
    public async Task Strings_are_escaped_as_json_dumps_escapes_them_with_ensure_ascii()
    {
        var random = new Random(2718);
        string[] always = ["", "\"", "\\", "/", "\u007f", "\u0000\u001f\b\f\n\r\t", "…“quoted”", "Zoë", "😀", "a\u2028b", "\uffff"];
        var strings = new List<string>(always);
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 30); n > 0; n--)
            {
                var codePoint = random.Next(5) switch
                {
                    0 => random.Next(0, 0x20),
                    1 => random.Next(0x20, 0x80),
                    2 => random.Next(0x80, 0x800),
                    3 => random.Next(2) == 0 ? random.Next(0x800, 0xD800) : random.Next(0xE000, 0x10000),
                    _ => random.Next(0x10000, 0x110000),
                };
                text.Append(char.ConvertFromUtf32(codePoint));
            }

            strings.Add(text.ToString());
        }

        var literals = string.Join(",", strings.Select(s => $"'{Convert.ToHexString(Encoding.UTF8.GetBytes(s))}'"));
        var expected = Lines(await Python3.RunAsync($$"""
            import json, sys
            for h in [{{literals}}]:
                sys.stdout.write(json.dumps(bytes.fromhex(h).decode('utf-8')) + "\n")
            """));

        Assert.Equal(expected, strings.Select(s => Write(w => w.WriteStringValue(s))));
    }

    [Fact]
    public async Task Objects_and_datetimes_are_written_as_the_seed_dumped_its_rows()
    {
        var written = Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("ind");
            w.WriteNumberValue(7528L);
            w.WritePropertyName("timestamp");
            w.WriteDateTimeValue(new DateTime(2020, 8, 28, 3, 52, 47));
            w.WritePropertyName("with \"micro\" seconds");
            w.WriteDateTimeValue(new DateTime(2020, 8, 28, 3, 52, 47).AddTicks(5_000_070));
            w.WritePropertyName("day");
            w.WriteDateValue(new DateOnly(2015, 10, 24));
            w.WritePropertyName("nothing");
            w.WriteNullValue();
            w.WritePropertyName("nested");
            w.WriteStartObject();
            w.WriteEndObject();
            w.WritePropertyName("more");
            w.WriteStartObject();
            w.WritePropertyName("big");
            w.WriteNumberValue(ulong.MaxValue);
            w.WritePropertyName("small");
            w.WriteNumberValue(long.MinValue);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        var expected = await Python3.RunAsync("""
            import datetime, json, sys
            at = datetime.datetime(2020, 8, 28, 3, 52, 47)
            sys.stdout.write(json.dumps({
                "ind": 7528,
                "timestamp": at.isoformat(),
                "with \"micro\" seconds": (at + datetime.timedelta(microseconds=500007)).isoformat(),
                "day": datetime.date(2015, 10, 24).isoformat(),
                "nothing": None,
                "nested": {},
                "more": {"big": 2**64 - 1, "small": -2**63},
            }))
            """);

        Assert.Equal(expected, written);
    }
}
