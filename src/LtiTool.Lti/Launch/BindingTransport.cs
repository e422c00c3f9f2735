namespace LtiTool.Lti.Launch;

/// <summary>How the browser proved it started the launch (the binding secret's way back), recorded per launch.</summary>
public enum BindingTransport
{
    /// <summary>It proved nothing: accepted only where the registration's policy allows launches on server-side state alone.</summary>
    None,
    /// <summary>The <c>SameSite=None; Secure; Partitioned</c> binding cookie.</summary>
    Cookie,
    /// <summary>The platform's window kept the secret (<c>lti.put_data</c> at login, <c>lti.get_data</c> at launch).</summary>
    PlatformStorage,
}

/// <summary>The names the launch records and reports transports by.</summary>
public static class BindingTransports
{
    /// <summary>"cookie", "platform_storage" or "none".</summary>
    public static string Name(BindingTransport transport) => transport switch
    {
        BindingTransport.Cookie => "cookie",
        BindingTransport.PlatformStorage => "platform_storage",
        _ => "none",
    };
}
