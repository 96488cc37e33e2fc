namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// The fault queue (<c>&lt;queue&gt;_error</c>) of one of this process's receive endpoints: how many messages wait
/// there (null where the transport cannot tell: the in-memory bus), or why it could not be read.
/// </summary>
public sealed record ErrorQueueDepth(string Queue, string ErrorQueue, long? Messages, string? Problem);
