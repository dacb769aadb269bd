namespace Switchboard.Cli;

public static class Files
{
    /// <summary>
    /// Writes a file beside its final place and moves it there once complete, so a failed download
    /// never leaves half a file under the name asked for. One holding secrets is readable only by its owner.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, bool secret, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.part");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await write(stream);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
