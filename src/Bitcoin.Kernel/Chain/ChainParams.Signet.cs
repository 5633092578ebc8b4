using Bitcoin.Common.Chain;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Kernel.Chain;

public sealed partial class ChainParams
{
    private static readonly byte[] DefaultSignetChallenge = Convert.FromHexString(
        "512103ad5e0edad18cb1f0fc0d28a3d4f1f3e445640337489abb10404f2d1e086be430210359ef5021964fe22d6f8e05b2463c9540ce96883fe3b278760f048f5189f2e6c452ae");

    // Signet (BIP325): a test network whose blocks must also satisfy a challenge script.
    private static ChainParams CreateSignet(ChainParamsOptions options)
    {
        bool custom = options.SignetChallenge != null;
        var challenge = options.SignetChallenge ?? DefaultSignetChallenge;
        var genesis = GenesisBlockFactory.Create(1598918400, 52613770, 0x1e0377ae, 1, Money.Coins(50));
        CheckGenesis(genesis,
            "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6",
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        var consensus = new ConsensusParams
        {
            HashGenesisBlock = genesis.GetHash(),
            SubsidyHalvingInterval = 210000,
            Bip34Height = 1,
            Bip34Hash = uint256.Zero,
            Bip65Height = 1,
            Bip66Height = 1,
            CsvHeight = 1,
            SegwitHeight = 1,
            MinBip9WarningHeight = 0,
            PowLimit = ArithUInt256.Parse("00000377ae000000000000000000000000000000000000000000000000000000"),
            PowTargetTimespan = 14 * 24 * 60 * 60,
            PowTargetSpacing = 10 * 60,
            PowAllowMinDifficultyBlocks = false,
            EnforceBip94 = false,
            PowNoRetargeting = false,
            Deployments = [TestDummy(threshold: 1815, period: 2016)],
            MinimumChainWork = custom
                ? ArithUInt256.Zero
                : ArithUInt256.Parse("00000000000000000000000000000000000000000000000000000b463ea0a4b8"),
            DefaultAssumeValid = custom
                ? uint256.Zero
                : uint256.Parse("00000008414aab61092ef93f1aacc54cf9e9f16af29ddad493b908a01ff5c329"),
            SignetBlocks = true,
            SignetChallenge = challenge.ToArray(),
        };
        consensus = ApplyDeploymentOptions(consensus, options);

        // The magic is the first four bytes of the double SHA256 of the challenge serialized with its length.
        var serialized = new Script(challenge).ToBytes(); // raw script bytes
        using var ms = new MemoryStream();
        var stream = new BitcoinStream(ms, true);
        stream.ReadWriteAsVarString(ref serialized);
        var magic = Hashes.DoubleSHA256RawBytes(ms.ToArray(), 0, (int)ms.Length).AsSpan(0, 4).ToArray();

        IReadOnlyList<string> seeds = custom ? [] : ["seed.signet.bitcoin.sprovoost.nl.", "seed.signet.achownodes.xyz."];
        if (options.SignetSeedNodes != null) seeds = options.SignetSeedNodes.ToArray();

        return new ChainParams(ChainType.Signet, SignetNetwork(custom ? challenge : null), genesis, consensus, magic)
        {
            DefaultPort = 38333,
            PruneAfterHeight = 1000,
            AssumedBlockchainSize = custom ? 0UL : 24,
            AssumedChainStateSize = custom ? 0UL : 4,
            DnsSeeds = seeds,
            Bech32Hrp = "tb",
            DefaultConsistencyChecks = false,
            IsMockableChain = false,
            Assumeutxo =
            [
                new(160_000, uint256.Parse("fe0a44309b74d6b5883d246cb419c6221bcccf0b308c9b59b7d70783dbdf928a"), 2289496,
                    uint256.Parse("0000003ca3c99aff040f2563c2ad8f8ec88bd0fd6b8f0895cfaf1ef90353a62c")),
                new(290_000, uint256.Parse("97267e000b4b876800167e71b9123f1529d13b14308abec2888bbd2160d14545"), 28547497,
                    uint256.Parse("0000000577f2741bb30cd9d39d6d71b023afbeb9764f6260786a97969d5c9ac0")),
            ],
            TxData = custom ? new ChainTxData(0, 0, 0) : new ChainTxData(1772055248, 28676833, 0.06736623436338929),
            HeadersSync = new HeadersSyncParams(620, 15724),
        };
    }

    private static readonly Lock SignetNetworkLock = new();

    // NBitcoin keeps one registered Network per name; a custom challenge gets its own, named after the challenge.
    private static Network SignetNetwork(byte[]? customChallenge)
    {
        if (customChallenge == null) return NBitcoin.Bitcoin.Instance.Signet;
        var name = "signet-" + Convert.ToHexStringLower(Hashes.SHA256(customChallenge).AsSpan(0, 8));
        lock (SignetNetworkLock)
        {
            return NBitcoin.Bitcoin.Instance.InitCustomSignet(new SignetSettings(
                name,
                Convert.ToHexStringLower(customChallenge),
                SignetSettings.DEFAULT_SIGNET_GENESIS_BLOCK,
                []));
        }
    }
}
