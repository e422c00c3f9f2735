using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;

namespace LtiTool.Lti.DeepLinking;

/// <summary>
/// What the platform said it accepts (Deep Linking 2.0 §4.4.1) against what the tool wants to return. A platform
/// may reject the whole response for one item it did not ask for, so the first broken rule stops the build.
/// </summary>
internal static class ContentItemRules
{
    private const string WindowTarget = "window";
    private const string IframeTarget = "iframe";

    public static LtiError? Check(DeepLinkingSettingsClaim settings, IReadOnlyList<ContentItem> items)
    {
        // accept_multiple false: "at most one item"; none is always allowed (nothing selected).
        if (items.Count > 1 && !settings.AcceptMultiple)
            return LtiErrors.DeepLinkingMultipleNotAccepted.WithDetail($"{items.Count} items");
        for (var i = 0; i < items.Count; i++)
        {
            if (Check(settings, items[i]) is { } error) return error.WithDetail($"item {i + 1}: {Describe(items[i])}");
        }
        return null;
    }

    private static LtiError? Check(DeepLinkingSettingsClaim settings, ContentItem item)
    {
        if (item is not (LtiResourceLinkItem or LinkItem)) return LtiErrors.DeepLinkingItemInvalid;
        if (!settings.AcceptTypes.Contains(item.Type, StringComparer.Ordinal))
            return LtiErrors.DeepLinkingTypeNotAccepted.WithDetail("accepted: " + Join(settings.AcceptTypes));
        if (!IsWellFormed(item)) return LtiErrors.DeepLinkingItemInvalid;
        if (item is not LtiResourceLinkItem link) return null;
        // accept_lineitem false: the platform ignores line items here, so the column the tool expects would not exist.
        if (link.LineItem is not null && settings.AcceptLineItem == false) return LtiErrors.DeepLinkingLineItemNotAccepted;
        if (link.Window is not null && !settings.AcceptPresentationDocumentTargets.Contains(WindowTarget, StringComparer.Ordinal)
            || link.Iframe is not null && !settings.AcceptPresentationDocumentTargets.Contains(IframeTarget, StringComparer.Ordinal))
            return LtiErrors.DeepLinkingPresentationNotAccepted.WithDetail("accepted: " + Join(settings.AcceptPresentationDocumentTargets));
        return null;
    }

    private static bool IsWellFormed(ContentItem item) => item switch
    {
        LinkItem link => IsWebUrl(link.Url),
        LtiResourceLinkItem link => !string.IsNullOrWhiteSpace(link.Title)
            && (link.Url is null || IsWebUrl(link.Url))
            && (link.Custom is null || link.Custom.Keys.All(k => !string.IsNullOrEmpty(k)))
            && (link.LineItem is null || link.LineItem.ScoreMaximum > 0)
            && IsSize(link.Window?.Width) && IsSize(link.Window?.Height)
            && IsSize(link.Iframe?.Width) && IsSize(link.Iframe?.Height)
            && IsOrdered(link.Available) && IsOrdered(link.Submission),
        _ => false,
    };

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsSize(int? pixels) => pixels is null or > 0;

    private static bool IsOrdered(DeepLinkTimeSpan? span) =>
        span is not { StartDateTime: { } start, EndDateTime: { } end } || start <= end;

    private static string Describe(ContentItem item) => item switch
    {
        LtiResourceLinkItem link => $"{item.Type} \"{link.Title}\"",
        LinkItem link => $"{item.Type} {link.Url}",
        _ => item.Type,
    };

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);
}
