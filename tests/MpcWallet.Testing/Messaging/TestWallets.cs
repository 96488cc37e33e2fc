using System.Collections.Concurrent;
using MpcWallet.Contracts.SignatureRequests;

namespace MpcWallet.Testing.Messaging;

/// <summary>The test coordinator's state that survives host restarts: wallet keys, held and seen requests, fault switches.</summary>
public sealed class TestWallets
{
    private TestCoordinator? _current;
    private volatile bool _paused;
    private volatile bool _answerTwice;

    public ConcurrentDictionary<string, TestKey> Keys { get; } = new();

    /// <summary>The manifest the transaction service trusts and the coordinator key the test coordinator signs with.</summary>
    public TestClusterTrust Trust { get; } = TestClusterTrust.Create();

    /// <summary>Wallets announced with <c>allowRawDigest</c>; every other wallet's raw-digest requests are refused, as the real coordinator does.</summary>
    public ConcurrentDictionary<string, bool> RawDigestWallets { get; } = new();

    public ConcurrentQueue<SignatureRequested> Requests { get; } = new();

    public ConcurrentQueue<SignatureRequested> Held { get; } = new();

    /// <summary>Every <c>TransactionStatusChanged</c> seen on the events channel.</summary>
    public ConcurrentQueue<MpcWallet.Contracts.Events.TransactionStatusChanged> Events { get; } = new();

    /// <summary>Hold every request (in <see cref="Held"/>) until <see cref="ResumeAsync"/>.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    public Func<SignatureRequested, bool>? FailWhen { get; set; }

    /// <summary>Publish every answer twice with the same message id, as an at-least-once broker may deliver it.</summary>
    public bool AnswerTwice
    {
        get => _answerTwice;
        set => _answerTwice = value;
    }

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
