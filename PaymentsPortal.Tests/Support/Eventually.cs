namespace PaymentsPortal.Tests.Support;

/// <summary>Waits for something another thread or process brings about, by checking it again until a deadline.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
