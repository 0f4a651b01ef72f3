namespace PinterestPipeline.Seeder.Cli;

/// <summary>An expected failure: its message is the one line the user sees, with no stack trace.</summary>
public sealed class SeederException : Exception
{
    public SeederException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
