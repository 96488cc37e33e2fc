namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// Quality of service of one broker channel. Durable channels survive a broker restart (durable queues, persistent
/// delivery); <see cref="TimeToLive"/> drops messages nobody consumed in time; <see cref="Prefetch"/> bounds how many
/// messages a consumer holds; <see cref="RetryCount"/> redeliveries happen in process before a message is faulted.
/// </summary>
public sealed class ChannelSettings
{
    public bool Durable { get; set; } = true;

    public TimeSpan? TimeToLive { get; set; }

    public int Prefetch { get; set; } = 16;

    /// <summary>Messages consumed at once per queue (null: the prefetch count).</summary>
    public int? ConcurrencyLimit { get; set; }

    public int RetryCount { get; set; }

    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public ChannelSettings Clone() => (ChannelSettings)MemberwiseClone();
}
