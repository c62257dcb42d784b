#include "cli/CommandArguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace radmark::app {

CommandArguments::CommandArguments(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
    const std::set<std::string>& flagOptions)
{
    bool optionsEnded = false;
    for (std::size_t index = 0; index < arguments.size(); ++index) {
        const std::string& argument = arguments[index];
        if (optionsEnded || argument.size() < 3 || argument.rfind("--", 0) != 0) {
            if (argument == "--") {
                optionsEnded = true;
                continue;
            }
            m_positionals.push_back(argument);
            continue;
        }
        std::string name = argument.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        if (flagOptions.count(name) != 0) {
            if (inlineValue) {
                throw UsageError("option --" + name + " takes no value");
            }
            m_options.emplace_back(name, "");
        } else if (valueOptions.count(name) != 0) {
            if (!inlineValue) {
                if (index + 1 >= arguments.size()) {
                    throw UsageError("option --" + name + " needs a value");
                }
                inlineValue = arguments[++index];
            }
            m_options.emplace_back(name, *inlineValue);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

bool CommandArguments::has(const std::string& option) const
{
    for (const auto& [name, text] : m_options) {
        if (name == option) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> CommandArguments::value(const std::string& option) const
{
    std::optional<std::string> last;
    for (const auto& [name, text] : m_options) {
        if (name == option) {
            last = text;
        }
    }
    return last;
}

std::vector<std::string> CommandArguments::values(const std::string& option) const
{
    std::vector<std::string> result;
    for (const auto& [name, text] : m_options) {
        if (name == option) {
            result.push_back(text);
        }
    }
    return result;
}

std::optional<double> CommandArguments::number(const std::string& option) const
{
    const auto text = value(option);
    if (!text) {
        return std::nullopt;
    }
    char* end = nullptr;
    errno = 0;
    const double parsed = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size() || errno != 0 || !std::isfinite(parsed)) {
        throw UsageError("option --" + option + " needs a number, not '" + *text + "'");
    }
    return parsed;
}

std::optional<int> CommandArguments::integer(const std::string& option) const
{
    const auto parsed = number(option);
    if (!parsed) {
        return std::nullopt;
    }
    if (std::floor(*parsed) != *parsed || std::abs(*parsed) > 1e9) {
        throw UsageError("option --" + option + " needs a whole number, not '" + *value(option) + "'");
    }
    return static_cast<int>(*parsed);
}

} // namespace radmark::app
