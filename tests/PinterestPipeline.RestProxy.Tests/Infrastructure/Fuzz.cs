using System.Collections.Concurrent;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>
/// Sends seeded malformed requests from several workers and collects every answer that is not a 4xx (or that
/// echoes the request back), while a valid request is checked now and then. Case i is generated from
/// <c>new Random(i)</c>, so a failure names a reproducible case.
/// </summary>
public static class Fuzz
{
    public const int MaxErrorLength = 1000;

    /// <param name="client">The proxy.</param>
    /// <param name="count">How many cases.</param>
    /// <param name="generate">Case i from <c>new Random(i)</c>: a description and the request.</param>
    /// <param name="kindOf">What sort of answer a status and body are, to show the generator reaches many.</param>
    /// <param name="assertServes">Checks that valid requests still succeed; run every <paramref name="servesEvery"/> cases and at the end.</param>
    /// <param name="servesEvery">How often valid requests are checked.</param>
    /// <returns>The failures, described, and the kinds of answer seen.</returns>
    public static async Task<(IReadOnlyList<string> Failures, IReadOnlyCollection<string> Kinds)> RunAsync(
        HttpClient client, int count, Func<Random, (string Description, HttpRequestMessage Request)> generate,
        Func<int, string, string> kindOf, Func<Task> assertServes, int servesEvery)
    {
        const int Concurrency = 8;
        var failures = new ConcurrentQueue<string>();
        var kinds = new ConcurrentDictionary<string, int>();
        var next = -1;

        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var (description, request) = generate(new Random(index));
                using (request)
                {
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    kinds.AddOrUpdate(kindOf(status, text), 1, (_, n) => n + 1);
                    if (status is < 400 or >= 500)
                    {
                        failures.Enqueue($"case {index} ({description}): {status} {Truncate(text)}");
                    }
                    else if (text.Length > MaxErrorLength)
                    {
                        failures.Enqueue($"case {index} ({description}): the {text.Length}-character error echoes the request back");
                    }
                }

                if (index % servesEvery == 0)
                {
                    await assertServes();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkerAsync))).WaitAsync(TimeSpan.FromMinutes(3));
        await assertServes();
        return ([.. failures], kinds.Keys.ToArray());
    }

    public static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
