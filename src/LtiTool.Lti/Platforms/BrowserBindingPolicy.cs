namespace LtiTool.Lti.Platforms;

/// <summary>
/// What a registration does with a launch whose browser could prove nothing: no binding cookie came back and
/// platform storage held no binding secret (Security Framework 1.0 §5.1.1.5 and §7.3.1, login CSRF).
/// </summary>
public enum UnboundLaunchPolicy
{
    /// <summary>
    /// Refuse it with <c>browser_binding_missing</c> and offer the user the tool in a new window, where it runs
    /// first-party and the cookie works. The default: without a binding, an attacker who starts a launch can hand
    /// its last step to a victim, who then works (and submits) as the attacker.
    /// </summary>
    Refuse,

    /// <summary>
    /// Accept it on the server-side state alone (single use, expiring, nonce-checked), recorded with transport
    /// <c>none</c>. For platforms known never to send a cookie back and offering no platform storage.
    /// </summary>
    AcceptServerState,
}

/// <summary>When the login uses platform storage (the 1EdTech LTI Client Side postMessages) for the binding.</summary>
public enum PlatformStorageMode
{
    /// <summary>When the login carries <c>lti_storage_target</c> (Canvas, Moodle): the default.</summary>
    WhenOffered,

    /// <summary>
    /// Also when it does not: the login page asks the platform's window with <c>lti.capabilities</c> whether it
    /// stores data, and uses the frame it names. Costs logins on platforms that never answer a short wait.
    /// </summary>
    Probe,

    /// <summary>Never; the binding cookie only.</summary>
    Off,
}
