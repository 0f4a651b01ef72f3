using System.Reflection;
using System.Runtime.InteropServices;

namespace PinterestPipeline.DevKafka.Native;

/// <summary>
/// Makes our P/Invoke calls into librdkafka bind to the very file Confluent.Kafka loaded.
/// On Debian 12 the redist's default <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, so Confluent.Kafka
/// silently falls back to <c>centos8-librdkafka.so</c>; binding to a second copy would give us two
/// librdkafka instances in one process, whose handles must never meet.
/// </summary>
internal static class LibrdkafkaResolver
{
    internal const string LibraryName = "librdkafka";

    private static readonly Lazy<IntPtr> Handle = new(LoadSameAsConfluent, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaResolver).Assembly, Resolve);
        }
    }

    /// <summary>The path of the librdkafka file this process uses, for diagnostics.</summary>
    public static string? LoadedPath { get; private set; }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? Handle.Value : IntPtr.Zero;

    private static IntPtr LoadSameAsConfluent()
    {
        // Confluent.Kafka picks the file (and its fallbacks) the first time it is asked to.
        Confluent.Kafka.Library.Load();

        var path = FindMappedLibrdkafka() ?? FindShippedLibrdkafka()
            ?? throw new DllNotFoundException(
                "librdkafka was loaded by Confluent.Kafka but its file could not be found; " +
                "check that the librdkafka.redist package's runtimes folder was copied to the output.");
        LoadedPath = path;
        return NativeLibrary.Load(path);
    }

    /// <summary>On Linux the kernel tells us which file is mapped: that is the one Confluent.Kafka chose.</summary>
    private static string? FindMappedLibrdkafka()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            if (Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal) && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Elsewhere (macOS, Windows) the redist ships one file per runtime and Confluent.Kafka takes it.</summary>
    private static string? FindShippedLibrdkafka()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var fileName = OperatingSystem.IsWindows() ? "librdkafka.dll"
            : OperatingSystem.IsMacOS() ? "librdkafka.dylib"
            : "librdkafka.so";
        var candidate = Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", fileName);
        return File.Exists(candidate) ? candidate : null;
    }
}
