package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafkashore/shore/format"
	"github.com/kafkashore/shore/registry"
)

type registryDeleteOptions struct {
	Subject string
	// Version is 0 for every version, registry.Latest or a number.
	Version   int
	Permanent bool
	DryRun    bool
	Yes       bool
	Output    string
}

// registryDeleteFlags are registry delete's flags as given.
type registryDeleteFlags struct {
	permanent, dryRun, yes bool
	output                 string
}

// parse takes SUBJECT [VERSION].
func (fl *registryDeleteFlags) parse(args []string, given flagsGiven) (*registryDeleteOptions, error) {
	opts := &registryDeleteOptions{Subject: args[0], Permanent: fl.permanent, DryRun: fl.dryRun, Yes: fl.yes, Output: fl.output}
	if err := checkSubject(opts.Subject); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		v, err := registry.ParseVersion(args[1])
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		opts.Version = v
	}
	if err := given.exclusive("contradict each other", "dry-run", "yes"); err != nil {
		return nil, err
	}
	return opts, nil
}

func newRegistryDeleteCmd(f *Factory, runF func(*registryDeleteOptions) error) *cobra.Command {
	fl := &registryDeleteFlags{}
	c := &cobra.Command{
		Use:   "delete SUBJECT [VERSION]",
		Short: "Delete a subject, or one version of it",
		Annotations: map[string]string{
			otherToolFlag + "schema-version": "rpk's --schema-version V is the VERSION argument: shore registry delete SUBJECT V",
		},
		Long: `Delete every version of SUBJECT, or only VERSION (a number from 1, or
latest, which the registry's API also calls -1). A SUBJECT the registry
does not have is named with the subject it may mean ("ordres-value" (did
you mean "orders-value"?)), as list does.

A deletion is soft unless --permanent: the versions disappear from lists and
lookups (list --deleted still shows the subject), but their schema ids still
decode records. Registering under the subject again adds a new version, and a
schema the registry has keeps its id; shore dev's registry refuses a new
version for a soft-deleted subject until it is deleted --permanent.
--permanent removes the versions for good (soft first, as registries require;
versions soft-deleted before are included); without it, a subject or
version soft-deleted already is named as such (exit 1). A version that a
live schema refers to (--ref) is not deleted: shore names the subject
versions that refer to it and exits 1, --dry-run too.

--dry-run prints what would be deleted and changes nothing. Otherwise shore
asks for confirmation on the terminal, or, when stdin is not one, wants
--yes.

Prints SUBJECT, VERSION, ID and RESULT (soft-deleted, deleted, or, with
--dry-run, would soft-delete, would delete). -o json writes
[{"subject", "version", "id", "result"}].
` + registryExitStatus,
		Example: `  $ shore registry delete orders-value --dry-run
  $ shore registry delete orders-value 2 --yes
  $ shore registry delete orders-value --permanent --yes`,
		Args:              argsFromUse,
		ValidArgsFunction: completeSubjects(f, false),
		RunE:              parsedRunE(f, fl.parse, runF, runRegistryDelete),
	}
	c.Flags().BoolVar(&fl.permanent, "permanent", false, "delete for good, not only soft-delete")
	c.Flags().BoolVar(&fl.dryRun, "dry-run", false, "print what would be deleted; change nothing")
	c.Flags().BoolVarP(&fl.yes, "yes", "y", false, "do not ask for confirmation")
	addOutputFlag(c, &fl.output)
	return c
}

func runRegistryDelete(ctx context.Context, f *Factory, opts *registryDeleteOptions) error {
	if !opts.DryRun && !opts.Yes && !f.IO.InTTY {
		return usageErrorf("stdin is not a terminal to confirm on: give --yes to delete, or --dry-run to see what would go")
	}
	return withRegistry(ctx, f, func(ctx context.Context, rc *registry.Client) error {
		rows, err := rc.PlanDelete(ctx, opts.Subject, opts.Version, opts.Permanent)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return fmt.Errorf("subject %q has no versions to delete", opts.Subject)
		}
		if !opts.DryRun {
			if !opts.Yes && !confirmDelete(f, rows, opts.Permanent) {
				return errors.New("nothing deleted: not confirmed")
			}
			if rows, err = rc.Delete(ctx, opts.Subject, opts.Version, opts.Permanent); err != nil {
				return err
			}
		}
		return render(f.IO.Out, opts.Output, rows, func(w io.Writer) error {
			table := make([][]string, 0, len(rows))
			for _, r := range rows {
				table = append(table, []string{r.Subject, strconv.Itoa(r.Version), strconv.Itoa(r.ID), r.Result})
			}
			return format.Table(w, []string{"SUBJECT", "VERSION", "ID", "RESULT"}, table)
		})
	})
}

// confirmDelete asks on stderr and reads the answer from stdin: y or yes.
func confirmDelete(f *Factory, rows []registry.Deletion, permanent bool) bool {
	versions := make([]string, 0, len(rows))
	for _, r := range rows {
		versions = append(versions, strconv.Itoa(r.Version))
	}
	how := "Soft-delete"
	if permanent {
		how = "Permanently delete"
	}
	noun := "version"
	if len(versions) > 1 {
		noun = "versions"
	}
	fmt.Fprintf(f.IO.ErrOut, "%s %s %s of subject %q? [y/N] ", how, noun, format.List(versions, "and"), rows[0].Subject)
	answer, _ := bufio.NewReader(f.IO.In).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	return answer == "y" || answer == "yes"
}
