using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.DataDir;

/// <summary>Data directory resolution (Core's util_datadir, AbsPathForConfigVal, GetBlocksDirPath, the pid file).</summary>
public sealed class DataDirectoryTests
{
    [Fact]
    public void TrailingSeparatorsAndDotsDoNotChangeTheDataDirectory()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.ForceSetArg("-datadir", dir.Path);
        var normal = args.GetDataDirBase();
        foreach (var suffix in new[] { "/", "/.", "/./", "/.//" })
        {
            args.ForceSetArg("-datadir", normal + suffix);
            args.ClearPathCache();
            Assert.Equal(normal, args.GetDataDirBase());
        }
    }

    [Fact]
    public void MissingDatadirGivesAnEmptyPath()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.ForceSetArg("-datadir", dir.Combine("nope"));
        Assert.Equal("", args.GetDataDirBase());
        Assert.False(DataDirectory.CheckDataDirOption(args));
    }

    [Fact]
    public void DefaultDataDirectoryIsDotBitcoinInHome()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var home = Environment.GetEnvironmentVariable("HOME");
        Assert.Equal(Path.Join(string.IsNullOrEmpty(home) ? "/" : home, ".bitcoin"), DataDirectory.GetDefaultDataDir());
    }

    [Fact]
    public void RelativeOptionPathsResolveAgainstTheNetworkDirectory()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.ForceSetArg("-datadir", dir.Path);
        args.SelectChain(ChainType.Signet);
        Assert.Equal(Path.Join(dir.Path, "signet", "x.log"), DataDirectory.AbsPathForConfigVal(args, "x.log"));
        Assert.Equal(Path.Join(dir.Path, "x.conf"), DataDirectory.AbsPathForConfigVal(args, "x.conf", netSpecific: false));
        Assert.Equal("/abs/x", DataDirectory.AbsPathForConfigVal(args, "/abs/x"));
        Assert.Equal("", DataDirectory.AbsPathForConfigVal(args, ""));
    }

    [Fact]
    public void BlocksDirectoryIsCreatedUnderDatadirOrBlocksdir()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.ForceSetArg("-datadir", dir.Path);
        args.SelectChain(ChainType.Regtest);
        Assert.Equal(Path.Join(dir.Path, "regtest", "blocks"), args.GetBlocksDirPath());
        Assert.True(Directory.Exists(Path.Join(dir.Path, "regtest", "blocks")));

        var blocksdir = dir.Combine("elsewhere");
        args.ForceSetArg("-blocksdir", blocksdir);
        args.ClearPathCache();
        Assert.Equal("", args.GetBlocksDirPath());
        Directory.CreateDirectory(blocksdir);
        Assert.Equal(Path.Join(blocksdir, "regtest", "blocks"), args.GetBlocksDirPath());
    }

    [Fact]
    public void PidFileHoldsTheProcessIdAndIsRemoved()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.AddArg("-pid", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.ForceSetArg("-datadir", dir.Path);
        args.SelectChain(ChainType.Regtest);
        Directory.CreateDirectory(dir.Combine("regtest"));
        Assert.Equal(dir.Combine("regtest", "bitcoind.pid"), PidFile.GetPath(args));
        Assert.True(PidFile.Create(args, out var error), error);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(dir.Combine("regtest", "bitcoind.pid")));
        PidFile.Remove();
        Assert.False(File.Exists(dir.Combine("regtest", "bitcoind.pid")));

        args.ForceSetArg("-pid", dir.Combine("no", "such", "dir.pid"));
        Assert.False(PidFile.Create(args, out error));
        Assert.Equal($"Unable to create the PID file '{dir.Combine("no", "such", "dir.pid")}': No such file or directory (2)", error);

        args.ForceSetArg("-pid", Bitcoin.Common.Settings.SettingsValue.False);
        Assert.True(PidFile.Create(args, out _));
    }
}
