using Bitcoin.Common.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

public sealed partial class ChainParams
{
    // Regression test: a private network with minimal difficulty, so blocks are found instantly.
    private static ChainParams CreateRegtest(ChainParamsOptions options)
    {
        var genesis = GenesisBlockFactory.Create(1296688602, 2, 0x207fffff, 1, Money.Coins(50));
        CheckGenesis(genesis,
            "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        var consensus = new ConsensusParams
        {
            HashGenesisBlock = genesis.GetHash(),
            SubsidyHalvingInterval = 150,
            Bip34Height = 1,
            Bip34Hash = uint256.Zero,
            Bip65Height = 1,
            Bip66Height = 1,
            CsvHeight = 1,
            SegwitHeight = 0,
            MinBip9WarningHeight = 0,
            PowLimit = ArithUInt256.Parse("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            PowTargetTimespan = 24 * 60 * 60,
            PowTargetSpacing = 10 * 60,
            PowAllowMinDifficultyBlocks = true,
            EnforceBip94 = options.EnforceBip94,
            PowNoRetargeting = true,
            Deployments = [TestDummy(threshold: 108, period: 144, startTime: 0)],
            MinimumChainWork = ArithUInt256.Zero,
            DefaultAssumeValid = uint256.Zero,
        };
        consensus = ApplyDeploymentOptions(consensus, options);
        return new ChainParams(ChainType.Regtest, Network.RegTest, genesis, consensus, [0xfa, 0xbf, 0xb5, 0xda])
        {
            DefaultPort = 18444,
            PruneAfterHeight = options.FastPrune ? 100UL : 1000,
            AssumedBlockchainSize = 0,
            AssumedChainStateSize = 0,
            DnsSeeds = ["dummySeed.invalid."],
            Bech32Hrp = "bcrt",
            DefaultConsistencyChecks = true,
            IsMockableChain = true,
            Assumeutxo =
            [
                new(110, uint256.Parse("86e9a1205b418b16dde3a18a78c730e30137e28466bda5dbf6b33ab8fc05447c"), 111,
                    uint256.Parse("135eec25a6fb277884e5824e7aa7d052c4868161c99a5122170b5266f86c273d")),
                new(200, uint256.Parse("17dcc016d188d16068907cdeb38b75691a118d43053b8cd6a25969419381d13a"), 201,
                    uint256.Parse("385901ccbd69dff6bbd00065d01fb8a9e464dede7cfe0372443884f9b1dcf6b9")),
                new(299, uint256.Parse("106b2c56233e378a824cf0d5ff2be42ed32c72f1605c9be288d00942908a40ac"), 334,
                    uint256.Parse("0c552ced4721c249a389eb9b08cb8da261cd46f0e7b5f9d064d48f3113406853")),
            ],
            TxData = new ChainTxData(0, 0, 0.001),
            HeadersSync = new HeadersSyncParams(275, 7017),
        };
    }
}
