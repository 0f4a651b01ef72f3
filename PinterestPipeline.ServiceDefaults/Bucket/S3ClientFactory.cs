using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Microsoft.Extensions.Hosting;

/// <summary>Builds the S3 client from a service's <c>&lt;Section&gt;:S3</c> settings.</summary>
public static class S3ClientFactory
{
    /// <param name="options">Bucket, region, endpoint and addressing style.</param>
    /// <param name="credentials">Explicit credentials; null uses the SDK's default chain (environment, profile, instance role).</param>
    public static IAmazonS3 Create(BucketS3Options options, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.ServiceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl.ToString();
            config.AuthenticationRegion = options.Region;
            // S3-compatible servers often lack the SDK's default trailing checksums (aws-chunked uploads).
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}
