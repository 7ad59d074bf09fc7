package cmd

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafkashore/shore/config"
)

// completionTimeout bounds the wait for the cluster while a shell waits on
// TAB: a name that takes longer than that is faster to type.
const completionTimeout = 2 * time.Second

// completionFunc is cobra's ValidArgsFunction.
type completionFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// completeTopics completes topic names from the cluster (internal topics
// too, when what is typed starts with "_"), skipping names already given.
// A cluster that cannot be reached completes nothing.
func completeTopics(f *Factory) completionFunc {
	return completeNames(f, func(ctx context.Context, adm *kadm.Client, toComplete string) ([]string, error) {
		tds, err := adm.ListTopicsWithInternal(ctx)
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(toComplete, "_") {
			tds.FilterInternal()
		}
		return tds.Names(), nil
	})
}

// completeGroups completes consumer group names from the cluster, skipping
// names already given.
func completeGroups(f *Factory) completionFunc {
	return completeNames(f, func(ctx context.Context, adm *kadm.Client, _ string) ([]string, error) {
		groups, err := adm.ListGroups(ctx)
		if err != nil {
			return nil, err
		}
		return groups.Groups(), nil
	})
}

// completeProfiles completes the names of the configuration file's
// profiles (--config, else SHORE_CONFIG, else the default file) that
// start with what is typed; a file that cannot be read completes nothing.
func completeProfiles(f *Factory) completionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		_, file, err := config.ReadChosenFile(cmd.Context(), f.sources())
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return candidates(config.ProfileNames(file), nil, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeNothing gives every command below c that completes no argument
// of its own (cluster, groups list, topics create's new names) a completion
// of none, so that TAB does not offer the files of the current directory.
func completeNothing(c *cobra.Command) {
	if !c.HasSubCommands() && c.ValidArgsFunction == nil && len(c.ValidArgs) == 0 {
		c.ValidArgsFunction = cobra.NoFileCompletions
	}
	for _, sub := range c.Commands() {
		completeNothing(sub)
	}
}

// offerNoConnectionFlags hides root's connection flags from the completion
// cobra's __complete gives for args (the words before the one completed,
// then that word), when they are words of a command that connects to
// nothing (dev, version, completion, help), which refuses those flags
// (connectionFlagRefused). Such a flag already typed is passed over rather
// than an error: dev's own deprecated --brokers hides root's -b, so in
// 'shore -b x dev --<TAB>' cobra found -b unknown and offered the files of
// the directory, its error on stderr. The tree is built for one run, so
// none of this changes anything else.
func offerNoConnectionFlags(root *cobra.Command, args []string) {
	if len(args) == 0 {
		return
	}
	// cobra's own choice of the command from the words before the last
	c, _, err := root.Find(args[:len(args)-1])
	if err != nil || !connectsToNothing(c) {
		return
	}
	c.FParseErrWhitelist.UnknownFlags = true
	root.PersistentFlags().VisitAll(func(fl *pflag.Flag) {
		if isConnectionFlag(fl.Name) {
			fl.Hidden = true
		}
	})
}

// firstArgOnly limits a completion to a command's first argument.
func firstArgOnly(fn completionFunc) completionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fn(cmd, args, toComplete)
	}
}

// candidates keeps the names in all that start with toComplete and are
// not already among args.
func candidates(all, args []string, toComplete string) []string {
	var names []string
	for _, n := range all {
		if strings.HasPrefix(n, toComplete) && !slices.Contains(args, n) {
			names = append(names, n)
		}
	}
	return names
}

func completeNames(f *Factory, list func(ctx context.Context, adm *kadm.Client, toComplete string) ([]string, error)) completionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if cfg, err := f.Config(cmd.Context()); err == nil {
			cfg.Timeout = min(cfg.Timeout, completionTimeout)
		}
		var names []string
		err := f.adminRound(cmd.Context(), func(ctx context.Context, adm *kadm.Client) error {
			all, err := list(ctx, adm, toComplete)
			names = candidates(all, args, toComplete)
			return err
		})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		slices.Sort(names)
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// addCompletionCmd adds cobra's completion command now, rather than when the
// tree runs, so that it gets shore's argument checks: an unknown shell
// (completion klingon) or an extra argument is a usage error, not help and
// exit 0.
func addCompletionCmd(root *cobra.Command) {
	// cobra's scripts go to the writer the root has when they are made;
	// the root's writer is set after the tree is built.
	root.SetOut(laterOut{root})
	root.InitDefaultCompletionCmd()
	root.SetOut(nil)
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		asNoun(c)
		c.Annotations = map[string]string{noConnection: ""}
		for _, shell := range c.Commands() {
			shell.Args = argsFromUse
		}
		for _, shell := range append(c.Commands(), c) {
			shell.Long = strings.TrimRight(shell.Long, "\n") + "\n\n" + completionExitStatus
		}
	}
}

const completionExitStatus = `EXIT STATUS
  0  the script was written
  1  writing the script to stdout failed (a full disk)
  2  usage error: an unknown shell, an extra argument or a bad flag`

// laterOut writes to the command's stdout as it is when written to.
type laterOut struct{ c *cobra.Command }

func (w laterOut) Write(p []byte) (int, error) { return w.c.OutOrStdout().Write(p) }
