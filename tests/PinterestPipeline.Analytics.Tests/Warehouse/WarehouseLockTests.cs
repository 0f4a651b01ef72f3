using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Analytics.Tests.Warehouse;

/// <summary>The service is the warehouse's one writer: it holds DuckDB's file lock from start to stop, between jobs too.</summary>
public sealed class WarehouseLockTests
{
    [Fact]
    public async Task Another_process_cannot_lock_the_file_between_runs_until_the_service_stops()
    {
        using var bucket = new TestBucket();
        bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, 7));
        var app = new AnalyticsApp(bucket);
        try
        {
            Assert.Equal("Succeeded", (await app.RunAsync()).GetProperty("status").GetString());

            // No run is in progress and the stream job is off: only the service's own hold keeps the lock.
            Assert.Equal("locked", await TryLockAsync(bucket.WarehousePath));
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Equal("free", await TryLockAsync(bucket.WarehousePath));
    }

    // DuckDB takes a POSIX record lock (fcntl F_SETLK, F_WRLCK) on the file it writes; CPython's lockf is the same call.
    private static Task<string> TryLockAsync(string path) => Python3.RunAsync($$"""
        import fcntl
        with open({{JsonSerializer.Serialize(path)}}, 'r+b') as f:
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                print('free', end='')
            except OSError:
                print('locked', end='')
        """);
}
