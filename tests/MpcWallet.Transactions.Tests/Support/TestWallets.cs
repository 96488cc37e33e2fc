using System.Collections.Concurrent;
using MpcWallet.Contracts.SignatureRequests;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>The test coordinator's state that survives host restarts: wallet keys, held and seen requests, fault switches.</summary>
internal sealed class TestWallets
{
    private TestCoordinator? _current;

    public ConcurrentDictionary<string, TestKey> Keys { get; } = new();

    public ConcurrentQueue<SignatureRequested> Requests { get; } = new();

    public ConcurrentQueue<SignatureRequested> Held { get; } = new();

    /// <summary>Every <c>TransactionStatusChanged</c> seen on the events channel.</summary>
    public ConcurrentQueue<MpcWallet.Contracts.Events.TransactionStatusChanged> Events { get; } = new();

    public volatile bool Paused;

    public Func<SignatureRequested, bool>? FailWhen { get; set; }

    /// <summary>Publish every answer twice with the same message id, as an at-least-once broker may deliver it.</summary>
    public volatile bool AnswerTwice;

    public TestCoordinator Current => _current ?? throw new InvalidOperationException("no host is running");

    public void Attach(TestCoordinator coordinator) => _current = coordinator;

    public void Detach(TestCoordinator coordinator) => Interlocked.CompareExchange(ref _current, null, coordinator);

    /// <summary>Answers every held request (through the host running now).</summary>
    public async Task ResumeAsync()
    {
        Paused = false;
        while (Held.TryDequeue(out var request))
        {
            await Current.HandleAsync(request);
        }
    }
}
