using LtiTool.Lti.Launch;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>Why a key action was refused.</summary>
public static class ToolKeyErrors
{
    public static readonly LtiError FileManaged = new("tool_keys_file_managed", 409, "Keys are file-managed",
        "The tool's keys come from the PEM files of Lti:Keys:Path and are read-only to the tool. Rotate them by adding a key file " +
        "(see keys.sample/README.md), or remove Lti:Keys:Path to let the tool manage and rotate its keys.");

    public static readonly LtiError NotFound = new("tool_key_not_found", 404, "No such key", "The tool has no key with this kid.");

    public static readonly LtiError IsCurrent = new("tool_key_is_current", 409, "This key signs",
        "The Current key cannot be retired: rotate first, which retires it once the next key signs.");

    public static readonly LtiError AlreadyRetired = new("tool_key_already_retired", 409, "Already retired",
        "This key is already Retired, Removed or Revoked; a retired key leaves the JWKS at its remove-after time.");

    public static readonly LtiError AlreadyRemoved = new("tool_key_already_removed", 409, "Already removed",
        "This key is Removed: it is no longer published and its private key is erased, so there is nothing to revoke.");

    public static readonly LtiError AlreadyRevoked = new("tool_key_already_revoked", 409, "Already revoked",
        "This key is already Revoked: it is no longer published, it never signs again and its private key is erased.");

    public static readonly LtiError RevokeUnconfirmed = new("tool_key_revoke_unconfirmed", 400, "Confirm the revocation",
        "To revoke a key, type its kid exactly as shown as the confirmation (confirmKid). Nothing was revoked.");

    public static readonly LtiError Changed = new("tool_keys_changed", 409, "The keys changed meanwhile",
        "Another instance or administrator changed the keys at the same moment, so nothing was done. Look at the keys again.");
}
