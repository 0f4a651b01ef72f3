namespace Aspire.Hosting.MySql;

internal static class MySqlContainerImageTags
{
    public const string Registry = "docker.io";

    /// <summary>The official image; 8.4 is the LTS line AWS RDS for MySQL offers (the official integration uses 9.x).</summary>
    public const string Image = "library/mysql";

    public const string Tag = "8.4";

    public const string PhpMyAdminImage = "library/phpmyadmin";

    public const string PhpMyAdminTag = "5.2";
}
