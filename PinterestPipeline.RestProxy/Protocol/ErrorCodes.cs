namespace PinterestPipeline.RestProxy.Protocol;

/// <summary>The <c>error_code</c> values of Confluent REST Proxy that this proxy answers with.</summary>
public static class ErrorCodes
{
    public const int BadRequest = 400;
    public const int Forbidden = 40301;
    public const int TopicNotFound = 40401;
    public const int PartitionNotFound = 40402;
    public const int NotAcceptable = 406;
    public const int RequestTooLarge = 413;
    public const int UnsupportedMediaType = 415;
    public const int UnprocessableEntity = 422;
    public const int TooManyRequests = 42901;
    public const int InternalError = 500;
    public const int KafkaError = 50002;
    public const int KafkaRetriableError = 50003;
    public const int BrokerNotAvailable = 50302;
}
