#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace radmark::app {

// A subcommand's arguments: positionals and `--name value` / `--flag` options.
// Unknown options are errors, so that typos are reported instead of ignored.
class CommandArguments {
public:
    // `valueOptions` take a value (`--series UID` or `--series=UID`); `flagOptions` do not.
    CommandArguments(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
        const std::set<std::string>& flagOptions);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    bool has(const std::string& option) const;
    std::optional<std::string> value(const std::string& option) const;
    // All values of an option that may repeat.
    std::vector<std::string> values(const std::string& option) const;

    // A value parsed as a number; throws UsageError naming the option when it is not one.
    std::optional<double> number(const std::string& option) const;
    std::optional<int> integer(const std::string& option) const;

private:
    std::vector<std::string> m_positionals;
    std::vector<std::pair<std::string, std::string>> m_options;
};

// A mistake in how a command was called; main() prints it with the usage line and exits 2.
class UsageError : public std::exception {
public:
    explicit UsageError(std::string message)
        : m_message(std::move(message))
    {
    }
    const char* what() const noexcept override { return m_message.c_str(); }

private:
    std::string m_message;
};

} // namespace radmark::app
