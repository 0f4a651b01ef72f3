namespace PinterestPipeline.TestSupport;

/// <summary>The command lines of the processes running on this (Linux) machine, read from /proc.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<string> CommandLinesContaining(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(commandLine);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Waits (bounded) until no process mentions <paramref name="text"/>; returns those still running.</summary>
    public static async Task<IReadOnlyList<string>> WaitUntilGoneAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var remaining = CommandLinesContaining(text);
            if (remaining.Count == 0 || DateTime.UtcNow > deadline)
            {
                return remaining;
            }

            await Task.Delay(200);
        }
    }
}
