namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The bucket settings every service that touches the bucket has in its own section (<c>Sink:Storage</c>,
/// <c>Analytics:Storage</c>, ...): the storage kind, the local folder, the S3 bucket.
/// </summary>
public abstract class BucketSettings
{
    /// <summary><c>storage.class</c>.</summary>
    public BucketStorageKind Storage { get; set; } = BucketStorageKind.Local;

    /// <summary>The folder that stands for the bucket when <see cref="Storage"/> is <see cref="BucketStorageKind.Local"/>.</summary>
    public string? LocalPath { get; set; }

    public BucketS3Options S3 { get; set; } = new();

    /// <summary>The local folder as a full path (a relative one is taken from <paramref name="contentRoot"/>).</summary>
    public string LocalRoot(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, LocalPath ?? string.Empty));

    /// <summary>Adds a message naming the setting for each bucket setting that cannot work.</summary>
    /// <param name="section">The section name, e.g. <c>Sink</c>.</param>
    /// <param name="failures">Where the messages go.</param>
    public void Validate(string section, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        switch (Storage)
        {
            case BucketStorageKind.Local when string.IsNullOrWhiteSpace(LocalPath):
                failures.Add($"{section}:Storage is Local, so set {section}:LocalPath to the folder that stands for the bucket (environment variable {section}__LocalPath).");
                break;
            case BucketStorageKind.S3 when string.IsNullOrWhiteSpace(S3.BucketName):
                failures.Add($"{section}:Storage is S3, so set {section}:S3:BucketName (and {section}:S3:Region; {section}:S3:ServiceUrl for an S3-compatible server).");
                break;
            case BucketStorageKind.S3 when string.IsNullOrWhiteSpace(S3.Region):
                failures.Add($"{section}:S3:Region must not be empty (e.g. us-east-1).");
                break;
            case BucketStorageKind.Local or BucketStorageKind.S3:
                break;
            default:
                failures.Add($"{section}:Storage must be Local or S3; it is '{Storage}'.");
                break;
        }
    }
}
