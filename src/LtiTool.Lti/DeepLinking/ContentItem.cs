namespace LtiTool.Lti.DeepLinking;

/// <summary>An item a tool returns in a deep linking response (Deep Linking 2.0 §3).</summary>
/// <param name="Type">The item type as the spec names it (<c>ltiResourceLink</c>, <c>link</c>, …).</param>
public abstract record ContentItem(string Type);

/// <summary>
/// An LTI resource link (Deep Linking 2.0 §3.1): the platform creates a link that launches the tool at
/// <paramref name="Url"/> (the tool's default launch URL when null) with <paramref name="Custom"/> as custom
/// parameters; with a <paramref name="LineItem"/> it also creates the gradebook column.
/// </summary>
/// <param name="Title">The link's title (Canvas: the assignment name unless the line item has a label).</param>
/// <param name="Url">The launch URL; null means the tool's default target.</param>
/// <param name="Text">A plain-text description (Canvas: the assignment description).</param>
/// <param name="Custom">Custom parameters the platform stores on the link and sends in its launches.</param>
/// <param name="LineItem">The gradebook column to create with the link.</param>
/// <param name="Window">How to open it in a new window or tab.</param>
/// <param name="Iframe">How to embed it in an iframe.</param>
/// <param name="Available">When students can launch it.</param>
/// <param name="Submission">When students can submit.</param>
public sealed record LtiResourceLinkItem(
    string Title,
    string? Url = null,
    string? Text = null,
    IReadOnlyDictionary<string, string>? Custom = null,
    DeepLinkLineItem? LineItem = null,
    DeepLinkWindow? Window = null,
    DeepLinkIframe? Iframe = null,
    DeepLinkTimeSpan? Available = null,
    DeepLinkTimeSpan? Submission = null) : ContentItem(ContentItemTypes.LtiResourceLink);

/// <summary>A plain link to a web page (Deep Linking 2.0 §3.2).</summary>
/// <param name="Url">The absolute URL of the page.</param>
/// <param name="Title">The link's title.</param>
/// <param name="Text">A plain-text description.</param>
public sealed record LinkItem(string Url, string? Title = null, string? Text = null) : ContentItem(ContentItemTypes.Link);

/// <summary>The content item type names of Deep Linking 2.0 §3 this library builds.</summary>
public static class ContentItemTypes
{
    /// <summary>An LTI resource link.</summary>
    public const string LtiResourceLink = "ltiResourceLink";
    /// <summary>A link.</summary>
    public const string Link = "link";
}
