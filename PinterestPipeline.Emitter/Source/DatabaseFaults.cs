using System.Net.Sockets;
using MySqlConnector;

namespace PinterestPipeline.Emitter.Source;

/// <summary>Tells a database outage, which is waited out, from a mistake in configuration, which retrying cannot fix.</summary>
public static class DatabaseFaults
{
    private static readonly HashSet<MySqlErrorCode> Permanent =
    [
        MySqlErrorCode.AccessDenied,
        MySqlErrorCode.DatabaseAccessDenied,
        MySqlErrorCode.TableAccessDenied,
        MySqlErrorCode.UnknownDatabase,
        MySqlErrorCode.NoSuchTable,
        MySqlErrorCode.BadFieldError,
        MySqlErrorCode.ParseError,
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        MySqlException mysql => !Permanent.Contains(mysql.ErrorCode),
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}
