using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>phpMyAdmin next to a MySQL container.</summary>
public sealed class PhpMyAdminContainerResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
