namespace Switchboard.Core.Catalog;

/// <summary>product.md: client administrators manage user profiles; resellers view (and export) their clients' things.</summary>
public static class ProfileRules
{
    public const string ResellersOnlyView =
        "Reseller accounts view their clients' user profiles; the client's administrators create, rename and delete them.";
}
