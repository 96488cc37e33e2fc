using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Bench;

/// <summary>
/// Times the engine's protocols with all parties in this process, one after another (the peer benchmark's setup):
/// "keygen" = a full DKG; "sign" = decoding every signer's key share + all signing rounds + combining; "refresh" =
/// a full key refresh; "reshare" = t of the n holders reshare t-of-n to a set where holder n is replaced by a new
/// node (n + 1 participants, n new holders). Every signature is checked by .NET's own ECDSA verifier; verified is false if any failed.
/// </summary>
internal sealed class EngineBenchmark
{
    private readonly EngineBenchmarkOptions _options;
    private readonly IRandomSource _random = SystemRandomSource.Instance;
    private readonly StreamWriter? _signatures;
    private bool _allVerified = true;

    public EngineBenchmark(EngineBenchmarkOptions options)
    {
        _options = options;
        _signatures = options.SignatureFile is { } path ? new StreamWriter(path, append: false) : null;
    }

    public int Run()
    {
        Log($"# mpcwallet engine: {Environment.ProcessorCount} cpus, .NET {Environment.Version}, quick={_options.Quick}; all parties sequential in one process");
        var total = Stopwatch.StartNew();
        try
        {
            foreach (var (t, n) in _options.Configurations)
            {
                var shares = Keygen(t, n);
                Sign(t, n, shares);
                Refresh(t, n, shares);
                Reshare(t, n, shares);
            }
        }
        finally
        {
            _signatures?.Dispose();
        }

        Log($"# total benchmark time {total.Elapsed.TotalSeconds:F0} s; all signatures verified: {_allVerified}");
        return _allVerified ? 0 : 1;
    }

    private KeyShare[] Keygen(int t, int n)
    {
        var measure = _options.Operations.Contains("keygen");
        var runs = measure ? _options.KeygenRuns : 0;
        var warmup = measure ? EngineBenchmarkOptions.KeygenWarmup : 0;
        var samples = new List<RunSample>();
        KeyShare[] shares = [];
        for (var i = 0; i < warmup + Math.Max(runs, 1); i++)
        {
            var network = new SequentialNetwork();
            var sid = SessionId.Random(_random);
            var parties = Enumerable.Range(1, n).Select(p => new KeyGenerationParty(sid, p, t, n, _random)).ToArray();
            var start = Stopwatch.GetTimestamp();
            var outputs = network.Run<KeyShare>(parties);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            shares = Enumerable.Range(1, n).Select(p => outputs[p]).ToArray();
            var verified = SignOnce(shares, Subsets(n, t)[i % Subsets(n, t).Count]);
            if (i >= warmup && measure)
            {
                samples.Add(new RunSample(elapsed, network.CriticalPathMs, network.TotalBytesSent / (double)n, verified));
                Log($"  keygen {t}-of-{n} run {samples.Count}/{runs}: {elapsed:F1} ms");
            }
        }

        if (measure)
        {
            Emit("keygen", t, n, samples, new() { ["keyshare_bytes"] = shares[0].Encode().Length });
        }

        return shares;
    }

    private void Sign(int t, int n, KeyShare[] shares)
    {
        if (!_options.Operations.Contains("sign"))
        {
            return;
        }

        var encoded = shares.Select(s => s.Encode()).ToArray();
        var subsets = Subsets(n, t);
        var samples = new List<RunSample>();
        var combineMs = new List<double>();
        // Warm up by count and by time: with one core the JIT's background tier-up competes with the measured work.
        var warmup = Stopwatch.StartNew();
        var warmupRuns = 0;
        while (warmupRuns < _options.SignWarmup || warmup.Elapsed < _options.SignWarmupTime)
        {
            SignOnce(shares, subsets[warmupRuns++ % subsets.Count]);
        }

        for (var i = 0; i < _options.SignRuns; i++)
        {
            var signers = subsets[i % subsets.Count];
            var digest = new byte[32];
            _random.Fill(digest);
            var network = new SequentialNetwork();

            var start = Stopwatch.GetTimestamp();
            var sid = SessionId.Random(_random);
            var parties = signers.Select(p => new SigningParty(sid, KeyShare.Decode(encoded[p - 1]), signers, digest, [], _random)).ToArray();
            var partials = network.Run<PartialSignature>(parties);
            var combineStart = Stopwatch.GetTimestamp();
            var signature = SignatureAggregator.Combine(partials.Values.ToArray(), parties[0].SigningPublicKey, digest);
            var end = Stopwatch.GetTimestamp();

            var verified = CheckAndRecord(shares[0].PublicKey, digest, signature);
            var elapsed = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;
            samples.Add(new RunSample(elapsed, network.CriticalPathMs, network.TotalBytesSent / (double)t, verified));
            combineMs.Add(Stopwatch.GetElapsedTime(combineStart, end).TotalMilliseconds);
        }

        Log($"  sign {t}-of-{n}: median {SampleStatistics.Median(samples.Select(s => s.Ms)):F2} ms over {samples.Count} runs");
        Emit("sign", t, n, samples, new()
        {
            ["combine_median_ms"] = Round(SampleStatistics.Median(combineMs)),
            ["subsets"] = subsets.Count,
        });
    }

    private void Refresh(int t, int n, KeyShare[] shares)
    {
        if (!_options.Operations.Contains("refresh"))
        {
            return;
        }

        var samples = new List<RunSample>();
        for (var i = 0; i < EngineBenchmarkOptions.RefreshWarmup + _options.RefreshRuns; i++)
        {
            var network = new SequentialNetwork();
            var sid = SessionId.Random(_random);
            var parties = shares.Select(s => new KeyRefreshParty(sid, s, _random)).ToArray();
            var start = Stopwatch.GetTimestamp();
            var outputs = network.Run<KeyShare>(parties);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var refreshed = Enumerable.Range(1, n).Select(p => outputs[p]).ToArray();
            var verified = refreshed.All(s => s.PublicKey.Equals(shares[0].PublicKey))
                && SignOnce(refreshed, Subsets(n, t)[i % Subsets(n, t).Count]);
            if (i >= EngineBenchmarkOptions.RefreshWarmup)
            {
                samples.Add(new RunSample(elapsed, network.CriticalPathMs, network.TotalBytesSent / (double)n, verified));
                Log($"  refresh {t}-of-{n} run {samples.Count}/{_options.RefreshRuns}: {elapsed:F1} ms");
            }
        }

        Emit("refresh", t, n, samples, []);
    }

    private void Reshare(int t, int n, KeyShare[] shares)
    {
        if (!_options.Operations.Contains("reshare"))
        {
            return;
        }

        // Session index = node: nodes 1..n hold the key, node n + 1 replaces node n; nodes 1..t deal.
        var newHolders = Enumerable.Range(1, n - 1).Append(n + 1).ToArray();
        var roster = new ReshareRoster(t, Enumerable.Range(1, n + 1)
            .Where(node => node <= t || newHolders.Contains(node))
            .Select(node => new ReshareParticipant(node, node <= t ? node : null, Array.IndexOf(newHolders, node) is var k and >= 0 ? k + 1 : null))
            .ToArray());
        var reference = new ReshareKeyReference(shares[0].PublicKey, shares[0].RootChainCode, shares[0].KeyId, shares[0].Generation);
        var samples = new List<RunSample>();
        for (var i = 0; i < EngineBenchmarkOptions.ReshareWarmup + _options.ReshareRuns; i++)
        {
            var network = new SequentialNetwork();
            var sid = SessionId.Random(_random);
            var parties = roster.Participants.Select(p => p.Deals
                    ? new KeyReshareParty(sid, p.Party, roster, shares[p.Party - 1], _random)
                    : new KeyReshareParty(sid, p.Party, roster, reference, _random))
                .ToArray();
            var start = Stopwatch.GetTimestamp();
            var outputs = network.Run<ReshareResult>(parties);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var reshared = outputs.Values.Where(r => r.Share is not null).Select(r => r.Share!).OrderBy(s => s.Self).ToArray();
            var verified = reshared.Length == n && reshared.All(s => s.PublicKey.Equals(shares[0].PublicKey))
                && SignOnce(reshared, Subsets(n, t)[i % Subsets(n, t).Count]);
            if (i >= EngineBenchmarkOptions.ReshareWarmup)
            {
                samples.Add(new RunSample(elapsed, network.CriticalPathMs, network.TotalBytesSent / (double)roster.Participants.Count, verified));
                Log($"  reshare {t}-of-{n} run {samples.Count}/{_options.ReshareRuns}: {elapsed:F1} ms");
            }
        }

        Emit("reshare", t, n, samples, new() { ["dealers"] = t, ["participants"] = roster.Participants.Count });
    }

    private bool SignOnce(KeyShare[] shares, int[] signers)
    {
        var digest = new byte[32];
        _random.Fill(digest);
        var sid = SessionId.Random(_random);
        var parties = signers.Select(p => new SigningParty(sid, shares[p - 1], signers, digest, [], _random)).ToArray();
        var partials = new SequentialNetwork().Run<PartialSignature>(parties);
        var signature = SignatureAggregator.Combine(partials.Values.ToArray(), parties[0].SigningPublicKey, digest);
        return CheckAndRecord(shares[0].PublicKey, digest, signature);
    }

    // Every signature the run produces (warm-up and the checks after keygen/refresh included) goes to the file.
    private bool CheckAndRecord(MpcWallet.Mpc.Curve.Point publicKey, byte[] digest, EcdsaSignature signature)
    {
        var verified = DotNetVerifier.Verify(publicKey, digest, signature);
        _allVerified &= verified;
        if (_signatures is not null)
        {
            _signatures.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["publicKey"] = Hex(publicKey.Encode()),
                ["digest"] = Hex(digest),
                ["r"] = Hex(signature.R),
                ["s"] = Hex(signature.S),
                ["v"] = signature.RecoveryId,
            }));
        }

        return verified;
    }

    private static void Emit(string op, int t, int n, List<RunSample> samples, Dictionary<string, object> extra)
    {
        var ms = samples.Select(s => s.Ms).ToArray();
        var line = new Dictionary<string, object>
        {
            ["impl"] = "mpcwallet",
            ["op"] = op,
            ["t"] = t,
            ["n"] = n,
            ["median_ms"] = Round(SampleStatistics.Median(ms)),
            ["p90_ms"] = Round(SampleStatistics.Percentile(ms, 0.9)),
            ["runs"] = samples.Count,
            ["verified"] = samples.Count > 0 && samples.All(s => s.Verified),
            ["bytes_per_party"] = (long)Math.Round(samples.Average(s => s.BytesPerParty)),
            ["min_ms"] = Round(ms.Min()),
            ["critical_path_median_ms"] = Round(SampleStatistics.Median(samples.Select(s => s.CriticalPathMs))),
            // The OT layer spreads its row loops over this many cores inside each party; the peer is single-threaded.
            ["cpus"] = Environment.ProcessorCount,
        };
        foreach (var (key, value) in extra)
        {
            line[key] = value;
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(line));
        Console.Out.Flush();
    }

    private static List<int[]> Subsets(int n, int t)
    {
        var result = new List<int[]>();
        void Recurse(int start, List<int> current)
        {
            if (current.Count == t)
            {
                result.Add([.. current]);
                return;
            }

            for (var i = start; i <= n; i++)
            {
                current.Add(i);
                Recurse(i + 1, current);
                current.RemoveAt(current.Count - 1);
            }
        }

        Recurse(1, []);
        return result;
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static void Log(string message) => Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));

    private sealed record RunSample(double Ms, double CriticalPathMs, double BytesPerParty, bool Verified);
}
