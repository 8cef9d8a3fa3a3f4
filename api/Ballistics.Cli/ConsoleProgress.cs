namespace Ballistics.Cli;

/// <summary>A one-line progress bar on standard error, drawn only when a person is watching.</summary>
internal sealed class ConsoleProgress(TextWriter error, int total, string label) : IProgress<int>
{
    private readonly bool _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private int _done;

    public void Report(int value)
    {
        if (!_interactive)
        {
            return;
        }

        lock (_gate)
        {
            _done = Math.Max(_done, value);
            const int width = 30;
            var filled = total == 0 ? width : (int)((long)_done * width / total);
            error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {_done}/{total}");
        }
    }

    public void Done()
    {
        if (_interactive)
        {
            error.WriteLine();
        }
    }
}
