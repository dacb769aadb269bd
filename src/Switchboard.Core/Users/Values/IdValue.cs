namespace Switchboard.Core.Users.Values;

public static class IdValue
{
    public static bool TryParse(string value, out int id) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
}
