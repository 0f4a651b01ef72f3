using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.MySql;

/// <summary>phpMyAdmin next to a MySQL container.</summary>
public sealed class PhpMyAdminContainerResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";
}
